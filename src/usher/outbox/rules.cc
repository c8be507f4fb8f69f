#include "usher/outbox/rules.h"

#include <algorithm>

namespace usher::outbox {

std::optional<Time> NextAttemptAt(int attempts, Time created_at, Time now, double jitter) {
  if (now - created_at >= kRetryFor) return std::nullopt;
  const int doublings = std::clamp(attempts - 1, 0, 16);
  const long long base = std::min<long long>(30LL << doublings, 3600);
  const double spread = 0.8 + 0.4 * std::clamp(jitter, 0.0, 1.0);
  const auto delay = Seconds{std::max<long long>(1, static_cast<long long>(base * spread))};
  return now + delay;
}

}  // namespace usher::outbox
