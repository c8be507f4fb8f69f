#include "usher/web/local_time.h"

#include <unicode/calendar.h>
#include <unicode/dtptngen.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <memory>

namespace usher::web {
namespace {

icu::Locale LocaleOf(const std::string& language) {
  return icu::Locale(language == "en" ? "en_GB" : language.c_str());
}

icu::TimeZone* Zone(const std::string& timezone) {
  return icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(timezone));
}

// `t` formatted with the language's best pattern for an ICU skeleton ("HHmm", "dMMMM").
std::string Format(Time t, const std::string& timezone, const std::string& language,
                   const char* skeleton) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = LocaleOf(language);
  std::unique_ptr<icu::DateTimePatternGenerator> generator(
      icu::DateTimePatternGenerator::createInstance(locale, status));
  if (U_FAILURE(status)) return FormatRfc3339(t);
  const icu::UnicodeString pattern = generator->getBestPattern(skeleton, status);
  if (U_FAILURE(status)) return FormatRfc3339(t);
  icu::SimpleDateFormat format(pattern, locale, status);
  if (U_FAILURE(status)) return FormatRfc3339(t);
  format.adoptTimeZone(Zone(timezone));
  icu::UnicodeString out;
  format.format(static_cast<UDate>(ToUnix(t)) * 1000.0, out);
  std::string s;
  out.toUTF8String(s);
  return s;
}

}  // namespace

std::string LocalTime(Time t, const std::string& timezone, const std::string& language) {
  return Format(t, timezone, language, "jjmm");
}

std::string DayMonth(Time t, const std::string& timezone, const std::string& language) {
  return Format(t, timezone, language, "dMMMM");
}

std::string ShortDate(Time t, const std::string& timezone, const std::string& language) {
  return Format(t, timezone, language, "yMMMd");
}

std::string ShortDateTime(Time t, const std::string& timezone, const std::string& language) {
  return Format(t, timezone, language, "yMMMdjjmm");
}

int LocalDaysBetween(Time from, Time to, const std::string& timezone) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(Zone(timezone), status));
  if (U_FAILURE(status)) return static_cast<int>((to - from) / kDay);
  const auto julian_day = [&](Time t) {
    cal->setTime(static_cast<UDate>(ToUnix(t)) * 1000.0, status);
    return cal->get(UCAL_JULIAN_DAY, status);
  };
  const int a = julian_day(from);
  const int b = julian_day(to);
  if (U_FAILURE(status)) return static_cast<int>((to - from) / kDay);
  return b - a;
}

}  // namespace usher::web
