#include "usher/web/local_time.h"

#include <gtest/gtest.h>

namespace usher::web {
namespace {

Time At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

TEST(LocalTime, InTheCompanysZoneAndLanguage) {
  const Time t = At("2026-11-26T13:05:00Z");  // 14:05 in Brussels (CET)
  EXPECT_EQ(LocalTime(t, "Europe/Brussels", "en"), "14:05");
  EXPECT_EQ(DayMonth(t, "Europe/Brussels", "en"), "26 November");
  EXPECT_EQ(DayMonth(t, "Europe/Brussels", "nl"), "26 november");
  EXPECT_EQ(LocalTime(At("2026-07-01T22:30:00Z"), "Europe/Brussels", "de"), "00:30");
  EXPECT_EQ(DayMonth(At("2026-07-01T22:30:00Z"), "Europe/Brussels", "en"), "2 July");
  EXPECT_EQ(ShortDate(t, "Europe/Brussels", "en"), "26 Nov 2026");
}

TEST(LocalDaysBetween, CountsCalendarDaysInTheZone) {
  const Time evening = At("2026-11-26T22:30:00Z");  // 23:30 in Brussels
  EXPECT_EQ(LocalDaysBetween(evening, At("2026-11-26T22:50:00Z"), "Europe/Brussels"), 0);
  EXPECT_EQ(LocalDaysBetween(evening, At("2026-11-26T23:10:00Z"), "Europe/Brussels"), 1);
  EXPECT_EQ(LocalDaysBetween(evening, At("2026-11-26T23:10:00Z"), "UTC"), 0);
  EXPECT_EQ(LocalDaysBetween(evening, At("2026-12-06T12:00:00Z"), "Europe/Brussels"), 10);
}

}  // namespace
}  // namespace usher::web
