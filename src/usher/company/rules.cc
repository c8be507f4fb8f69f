#include "usher/company/rules.h"

#include <unicode/timezone.h>

#include <memory>

#include "usher/base/text.h"
#include "usher/contact/email.h"
#include "usher/contact/phone.h"

namespace usher::company {
namespace {

void CheckSettings(const Settings& s, const Languages& languages, std::vector<FieldError>& errors) {
  if (s.validity_days < 1 || s.validity_days > kMaxValidityDays) {
    errors.push_back({"validity_days", "out_of_range"});
  }
  bool days_ok = s.reminder_days.size() <= kMaxReminders;
  for (size_t i = 0; i < s.reminder_days.size(); ++i) {
    const int d = s.reminder_days[i];
    if (d < 1 || d >= s.validity_days || (i > 0 && d <= s.reminder_days[i - 1])) days_ok = false;
  }
  if (!days_ok) errors.push_back({"reminder_days", "invalid"});
  if (!contact::IsSupportedRegion(s.default_region)) {
    errors.push_back({"default_region", "invalid"});
  }
  if (!IsKnownTimeZone(s.timezone)) errors.push_back({"timezone", "invalid"});
  if (!languages.Supports(s.default_language)) {
    errors.push_back({"default_language", "unsupported_language"});
  }
}

}  // namespace

bool IsKnownTimeZone(const std::string& zone) {
  if (zone.empty() || zone.size() > 64) return false;
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  icu::UnicodeString id;
  return tz && tz->getID(id) != icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID);
}

Status ValidateSettings(const Settings& settings, const Languages& languages) {
  std::vector<FieldError> errors;
  CheckSettings(settings, languages, errors);
  if (!errors.empty()) return Fail(ValidationError(std::move(errors)));
  return Ok();
}

Result<NewCompany> ValidateNewCompany(NewCompany in, const Languages& languages) {
  std::vector<FieldError> errors;
  if (!text::IsValidUtf8(in.name) || text::HasControlCharacters(in.name)) {
    errors.push_back({"name", "invalid"});
  } else {
    in.name = text::Clean(in.name);
    if (in.name.empty()) errors.push_back({"name", "required"});
    if (text::Length(in.name) > 100) errors.push_back({"name", "too_long"});
  }
  auto email = text::IsValidUtf8(in.admin_email)
                   ? contact::NormalizeEmail(text::Clean(in.admin_email))
                   : std::nullopt;
  if (email) {
    in.admin_email = text::Fold(*email);
  } else {
    errors.push_back({"admin_email", "invalid"});
  }
  if (!text::IsValidUtf8(in.admin_password)) {
    errors.push_back({"admin_password", "invalid"});
  } else if (text::Length(in.admin_password) < kMinAdminPassword) {
    errors.push_back({"admin_password", "too_short"});
  } else if (text::Length(in.admin_password) > kMaxPassword) {
    errors.push_back({"admin_password", "too_long"});
  }
  CheckSettings(in.settings, languages, errors);
  if (!errors.empty()) return Fail(ValidationError(std::move(errors)));
  return in;
}

}  // namespace usher::company
