// Rules for companies and their admins: settings ranges, new company input.
// Pure: no I/O.
#pragma once

#include <string>

#include "usher/base/languages.h"
#include "usher/base/result.h"
#include "usher/company/company.h"

namespace usher::company {

inline constexpr int kMaxValidityDays = 365;
inline constexpr size_t kMaxReminders = 20;
inline constexpr size_t kMinAdminPassword = 10;
inline constexpr size_t kMaxPassword = 128;

// kInvalid "validation" listing every broken field: validity_days (1..365, "out_of_range"),
// reminder_days (each 1..validity_days-1, strictly ascending, at most 20: "invalid"),
// default_region (a libphonenumber region: "invalid"), timezone (an IANA zone: "invalid"),
// default_language (supported: "unsupported_language").
Status ValidateSettings(const Settings& settings, const Languages& languages);

// True when `zone` is an IANA time zone id ICU knows ("Europe/Brussels").
bool IsKnownTimeZone(const std::string& zone);

struct NewCompany {
  std::string name;
  std::string admin_email;
  std::string admin_password;
  Settings settings;
};
// Checks and normalises a new company: name 1..100 characters ("required", "too_long",
// "invalid"), admin_email a valid address (lower-cased), admin_password 10..128
// characters ("too_short", "too_long"), and the settings as above.
Result<NewCompany> ValidateNewCompany(NewCompany input, const Languages& languages);

}  // namespace usher::company
