// Time as usher's domain sees it: whole seconds since the Unix epoch, UTC.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace usher {

using Time = std::chrono::sys_seconds;
using Seconds = std::chrono::seconds;
inline constexpr Seconds kDay{24 * 60 * 60};
inline constexpr Seconds kHour{60 * 60};

inline Time FromUnix(long long seconds) { return Time{Seconds{seconds}}; }
inline long long ToUnix(Time t) { return t.time_since_epoch().count(); }

// "2026-11-26T10:54:11Z".
std::string FormatRfc3339(Time t);
// Accepts RFC 3339 date-times ("2026-11-26T10:54:11Z", "...T11:54:11.250+01:00");
// fractions are dropped. nullopt when `text` is not one.
std::optional<Time> ParseRfc3339(std::string_view text);
// "2026-11-26": the UTC calendar day of `t`.
std::string FormatDay(Time t);

}  // namespace usher
