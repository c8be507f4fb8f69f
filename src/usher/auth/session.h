// Sessions of admins (CMS, API bearer tokens) and of app users, and the rate limits that
// protect logins and registration (SPEC R9, R15).
#pragma once

#include <string>

#include "usher/base/time.h"

namespace usher::auth {

enum class Subject { kAdmin, kUser };
const char* ToString(Subject s);

// A logged-in admin or app user. Only the token's hash is stored.
struct Session {
  std::string token_hash;
  Subject subject = Subject::kAdmin;
  std::string subject_id;  // admin id or user id
  std::string company_id;
  Time created_at;
  Time expires_at;
};

inline constexpr Seconds kAdminSessionLifetime = 12 * kHour;
inline constexpr Seconds kUserSessionLifetime = 30 * kDay;

// A fixed-window limit: at most `max` hits per `window`.
struct Limit {
  int max;
  Seconds window;
};
inline constexpr Limit kLoginPerClient{20, Seconds{60}};
inline constexpr Limit kLoginPerAccount{5, Seconds{60}};
inline constexpr Limit kRegistrationPerClient{30, Seconds{60}};
inline constexpr Limit kRegistrationPerToken{10, Seconds{60}};

// The start of the window `now` falls in.
inline Time WindowStart(Time now, Seconds window) {
  return FromUnix(ToUnix(now) - ToUnix(now) % window.count());
}

}  // namespace usher::auth
