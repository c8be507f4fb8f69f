// The background work of usher: outbox delivery (R11) every second, by every dispatcher at
// once (one per outbox connection); reminders (R7),
// erasure (R8) and session sweeping every `interval`. Run by a scheduler thread, and on
// demand by the test clock. One pass at a time per process; several processes may run
// at once (the repositories make each piece of work happen once).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "usher/auth/repository.h"
#include "usher/base/clock.h"
#include "usher/invitation/service.h"
#include "usher/outbox/dispatcher.h"

namespace usher::app {

class Jobs {
 public:
  Jobs(const Clock& clock, invitation::InvitationService& invitations,
       auth::SessionRepository& sessions, std::vector<outbox::Dispatcher*> dispatchers)
      : clock_(clock),
        invitations_(invitations),
        sessions_(sessions),
        dispatchers_(std::move(dispatchers)) {}
  ~Jobs() { Stop(); }

  // Runs every due piece of work to completion (reminders and erasure first, then the
  // messages they queued); returns the first error.
  Status RunDue() { return RunDue(std::chrono::steady_clock::duration::max()); }
  // Delivers the messages due now.
  Status DeliverDue() { return DeliverDue(std::chrono::steady_clock::duration::max()); }
  // Starts a thread: DeliverDue() every second, RunDue() every `interval`, until Stop().
  void Start(Seconds interval);
  void Stop();

 private:
  // The same, with the delivery pass ending after `budget` (between batches): the thread's
  // passes take turns, so a steady stream of new messages cannot hold off reminders and
  // erasure.
  Status RunDue(std::chrono::steady_clock::duration budget);
  Status DeliverDue(std::chrono::steady_clock::duration budget);

  const Clock& clock_;
  invitation::InvitationService& invitations_;
  auth::SessionRepository& sessions_;
  std::vector<outbox::Dispatcher*> dispatchers_;
  std::mutex run_mu_;  // one pass at a time
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> stopping_{false};  // also ends a long delivery pass early
  std::thread thread_;
};

}  // namespace usher::app
