#include "usher/app/jobs.h"

#include <spdlog/spdlog.h>

namespace usher::app {

Status Jobs::RunDue() {
  std::lock_guard<std::mutex> lock(run_mu_);
  auto reminders = invitations_.SendDueReminders();
  if (!reminders) return Fail(reminders.error());
  auto erased = invitations_.EraseExpired();
  if (!erased) return Fail(erased.error());
  if (*reminders > 0 || *erased > 0) {
    spdlog::info("msg=jobs reminders_queued={} invitations_erased={}", *reminders, *erased);
  }
  return sessions_.Sweep(clock_.Now());
}

void Jobs::Start(Seconds interval) {
  thread_ = std::thread([this, interval] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      lock.unlock();
      if (auto ok = RunDue(); !ok) {
        spdlog::warn("msg=jobs_failed code={}", ok.error().code);
      }
      lock.lock();
      cv_.wait_for(lock, interval, [this] { return stopping_; });
    }
  });
}

void Jobs::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace usher::app
