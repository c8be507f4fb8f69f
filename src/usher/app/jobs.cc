#include "usher/app/jobs.h"

#include <spdlog/spdlog.h>

namespace usher::app {

Status Jobs::DeliverDue(std::chrono::steady_clock::duration budget) {
  std::lock_guard<std::mutex> lock(run_mu_);
  const auto start = std::chrono::steady_clock::now();
  const auto stop = [this, start, budget] {
    return stopping_.load() || std::chrono::steady_clock::now() - start >= budget;
  };
  std::vector<Result<outbox::Dispatcher::Pass>> passes(dispatchers_.size(),
                                                       outbox::Dispatcher::Pass{});
  std::vector<std::thread> others;
  for (size_t i = 1; i < dispatchers_.size(); ++i) {
    others.emplace_back(
        [&, i] { passes[i] = dispatchers_[i]->DeliverDue(outbox::Dispatcher::kBatch, stop); });
  }
  passes[0] = dispatchers_[0]->DeliverDue(outbox::Dispatcher::kBatch, stop);
  for (auto& t : others) t.join();
  outbox::Dispatcher::Pass total;
  for (const auto& pass : passes) {
    if (!pass) return Fail(pass.error());
    total.sent += pass->sent;
    total.retried += pass->retried;
    total.failed += pass->failed;
  }
  if (total.sent + total.retried + total.failed > 0) {
    spdlog::info("msg=outbox sent={} retried={} failed={}", total.sent, total.retried,
                 total.failed);
  }
  return Ok();
}

Status Jobs::RunDue(std::chrono::steady_clock::duration budget) {
  {
    std::lock_guard<std::mutex> lock(run_mu_);
    auto reminders = invitations_.SendDueReminders();
    if (!reminders) return Fail(reminders.error());
    auto erased = invitations_.EraseExpired();
    if (!erased) return Fail(erased.error());
    if (*reminders > 0 || *erased > 0) {
      spdlog::info("msg=jobs reminders_queued={} invitations_erased={}", *reminders, *erased);
    }
    USHER_RETURN_IF_ERROR(sessions_.Sweep(clock_.Now()));
  }
  return DeliverDue(budget);
}

void Jobs::Start(Seconds interval) {
  thread_ = std::thread([this, interval] {
    std::unique_lock<std::mutex> lock(mu_);
    auto next_full = std::chrono::steady_clock::now();
    while (!stopping_) {
      lock.unlock();
      const bool full = std::chrono::steady_clock::now() >= next_full;
      if (full) next_full = std::chrono::steady_clock::now() + interval;
      constexpr auto kBudget = std::chrono::seconds(10);
      if (auto ok = full ? RunDue(kBudget) : DeliverDue(kBudget); !ok) {
        spdlog::warn("msg=jobs_failed code={}", ok.error().code);
      }
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_.load(); });
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
