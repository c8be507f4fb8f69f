// Times on the CMS pages as the admin reads them: in the company's time zone (IANA id) and
// the page's language, via ICU. An unknown zone is read as UTC. Thread-safe.
#pragma once

#include <string>

#include "usher/base/time.h"

namespace usher::web {

// "14:05" (24-hour clock where the language uses it).
std::string LocalTime(Time t, const std::string& timezone, const std::string& language);
// "27 November" (day and month name, in the language's order).
std::string DayMonth(Time t, const std::string& timezone, const std::string& language);
// "27 Nov 2026".
std::string ShortDate(Time t, const std::string& timezone, const std::string& language);
// "27 Nov 2026, 14:05".
std::string ShortDateTime(Time t, const std::string& timezone, const std::string& language);
// Calendar days from the local day of `from` to the local day of `to` (0 = same day).
int LocalDaysBetween(Time from, Time to, const std::string& timezone);

}  // namespace usher::web
