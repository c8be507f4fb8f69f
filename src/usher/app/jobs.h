// The background work of usher (reminders R7, erasure R8, session sweeping), run every
// few seconds by a scheduler thread and on demand by the test clock. One pass at a time
// per process; several processes may run passes at once (the repositories make each
// piece of work happen once).
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "usher/auth/repository.h"
#include "usher/base/clock.h"
#include "usher/invitation/service.h"

namespace usher::app {

class Jobs {
 public:
  Jobs(const Clock& clock, invitation::InvitationService& invitations,
       auth::SessionRepository& sessions)
      : clock_(clock), invitations_(invitations), sessions_(sessions) {}
  ~Jobs() { Stop(); }

  // Runs every due piece of work to completion; returns the first error.
  Status RunDue();
  // Starts a thread that calls RunDue() every `interval` until Stop().
  void Start(Seconds interval);
  void Stop();

 private:
  const Clock& clock_;
  invitation::InvitationService& invitations_;
  auth::SessionRepository& sessions_;
  std::mutex run_mu_;  // one pass at a time
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace usher::app
