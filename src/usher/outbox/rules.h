// Retry rules of the outbox (SPEC R11). Pure.
#pragma once

#include <optional>

#include "usher/base/time.h"

namespace usher::outbox {

// How long a claim lasts before another worker may take the message over.
inline constexpr Seconds kLease{30};
// Temporary failures are retried for at least this long after the message was queued.
inline constexpr Seconds kRetryFor = 24 * kHour;

// When to try again after attempt number `attempts` (1-based) failed temporarily:
// 30 s doubling per attempt up to 1 h, each spread by `jitter` in [0, 1) over ±20 %;
// nullopt once the message is older than kRetryFor (then it fails for good).
std::optional<Time> NextAttemptAt(int attempts, Time created_at, Time now, double jitter);

}  // namespace usher::outbox
