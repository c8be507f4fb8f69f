#include "usher/company/rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/matchers.h"

namespace usher::company {
namespace {

using usher::testing::HasFieldErrors;

const Languages kLanguages = Languages::Default();

std::vector<FieldError> ErrorsOf(const Settings& s) {
  auto r = ValidateSettings(s, kLanguages);
  return r ? std::vector<FieldError>{} : r.error().fields;
}

TEST(Settings, R4_R7_DefaultsAreValid) {
  const Settings s;
  EXPECT_EQ(s.validity_days, 60);
  EXPECT_EQ(s.reminder_days, (std::vector<int>{3, 10, 20, 30, 45, 53, 57}));
  EXPECT_TRUE(ValidateSettings(s, kLanguages));
}

TEST(Settings, R4_ValidityBetween1And365Days) {
  Settings s;
  s.reminder_days = {};
  s.validity_days = 1;
  EXPECT_TRUE(ErrorsOf(s).empty());
  s.validity_days = 365;
  EXPECT_TRUE(ErrorsOf(s).empty());
  s.validity_days = 0;
  EXPECT_THAT(ErrorsOf(s), HasFieldErrors({{"validity_days", "out_of_range"}}));
  s.validity_days = 366;
  EXPECT_THAT(ErrorsOf(s), HasFieldErrors({{"validity_days", "out_of_range"}}));
}

TEST(Settings, R7_ReminderDaysAscendingWithinValidity) {
  Settings s;
  s.reminder_days = {3, 3};
  EXPECT_THAT(ErrorsOf(s), HasFieldErrors({{"reminder_days", "invalid"}}));
  s.reminder_days = {10, 3};
  EXPECT_THAT(ErrorsOf(s), HasFieldErrors({{"reminder_days", "invalid"}}));
  s.reminder_days = {0, 3};
  EXPECT_THAT(ErrorsOf(s), HasFieldErrors({{"reminder_days", "invalid"}}));
  s.reminder_days = {3, 60};  // on the expiry day itself: never sent
  EXPECT_THAT(ErrorsOf(s), HasFieldErrors({{"reminder_days", "invalid"}}));
  s.reminder_days = {1, 59};
  EXPECT_TRUE(ErrorsOf(s).empty());
  s.reminder_days = std::vector<int>(21);
  for (int i = 0; i < 21; ++i) s.reminder_days[i] = i + 1;
  EXPECT_THAT(ErrorsOf(s), HasFieldErrors({{"reminder_days", "invalid"}}));
}

TEST(Settings, RegionTimezoneAndLanguageMustBeKnown) {
  Settings s;
  s.default_region = "XX";
  s.timezone = "Mars/Olympus_Mons";
  s.default_language = "tlh";
  EXPECT_THAT(ErrorsOf(s), HasFieldErrors({{"default_region", "invalid"},
                                           {"timezone", "invalid"},
                                           {"default_language", "unsupported_language"}}));
  EXPECT_TRUE(IsKnownTimeZone("Europe/Brussels"));
  EXPECT_TRUE(IsKnownTimeZone("America/Sao_Paulo"));
  EXPECT_FALSE(IsKnownTimeZone(""));
  EXPECT_FALSE(IsKnownTimeZone("Europe/Brussel"));
}

TEST(NewCompany, IsCheckedAndNormalised) {
  NewCompany in;
  in.name = "  Acme Retail ";
  in.admin_email = "Boss@ACME.example";
  in.admin_password = "0123456789";
  auto out = ValidateNewCompany(in, kLanguages);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->name, "Acme Retail");
  EXPECT_EQ(out->admin_email, "boss@acme.example");
}

TEST(NewCompany, EveryBrokenRuleAtOnce) {
  NewCompany in;
  in.name = " ";
  in.admin_email = "not-an-address";
  in.admin_password = "012345678";  // 9 characters
  in.settings.timezone = "Nowhere";
  auto out = ValidateNewCompany(in, kLanguages);
  ASSERT_FALSE(out);
  EXPECT_THAT(out.error().fields, HasFieldErrors({{"name", "required"},
                                                  {"admin_email", "invalid"},
                                                  {"admin_password", "too_short"},
                                                  {"timezone", "invalid"}}));
  in = NewCompany{};
  in.name = std::string(101, 'n');
  in.admin_email = "a@b.example";
  in.admin_password = std::string(129, 'p');
  out = ValidateNewCompany(in, kLanguages);
  ASSERT_FALSE(out);
  EXPECT_THAT(out.error().fields,
              HasFieldErrors({{"name", "too_long"}, {"admin_password", "too_long"}}));
}

}  // namespace
}  // namespace usher::company
