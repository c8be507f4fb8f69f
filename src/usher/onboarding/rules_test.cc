#include "usher/onboarding/rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/matchers.h"

namespace usher::onboarding {
namespace {

using ::testing::IsEmpty;
using usher::testing::HasFieldErrors;

directory::User Zoe() {
  directory::User u;
  u.first_name = "Zoë";
  u.last_name = "Ñúñez";
  u.email = "zoe.nunez@example.com";
  return u;
}

TEST(Password, R10_LengthBetween10And128Characters) {
  EXPECT_THAT(CheckPassword("Kq7!vR2#pL", Zoe()), IsEmpty());  // 10
  EXPECT_THAT(CheckPassword("Kq7!vR2#p", Zoe()), HasFieldErrors({{"password", "too_short"}}));
  EXPECT_THAT(CheckPassword(std::string(64, 'x') + std::string(64, 'y'), Zoe()), IsEmpty());
  EXPECT_THAT(CheckPassword(std::string(64, 'x') + std::string(65, 'y'), Zoe()),
              HasFieldErrors({{"password", "too_long"}}));
  // Characters, not bytes: ten ideographs are ten characters.
  EXPECT_THAT(CheckPassword("学习新的东西很有趣吧", Zoe()), IsEmpty());
}

TEST(Password, R10_CommonPasswordsAreRefused) {
  for (const char* p : {"password123", "Password1!", "qwertyuiop", "1234567890", "aaaaaaaaaaaa",
                        "azertyuiop", "iloveyou12", "wachtwoord1", "abcdefghij", "0987654321"}) {
    EXPECT_TRUE(IsCommonPassword(p)) << p;
    EXPECT_THAT(CheckPassword(p, Zoe()), HasFieldErrors({{"password", "password_too_common"}}))
        << p;
  }
  EXPECT_FALSE(IsCommonPassword("Velvet-Harbour-42"));
}

TEST(Password, R10_NotTheUsersOwnNameOrEmail) {
  EXPECT_THAT(CheckPassword("my name is ZOË!", Zoe()),
              HasFieldErrors({{"password", "password_contains_name"}}));
  EXPECT_THAT(CheckPassword("ñúñez-forever-1", Zoe()),
              HasFieldErrors({{"password", "password_contains_name"}}));
  EXPECT_THAT(CheckPassword("zoe.nunez-2027", Zoe()),
              HasFieldErrors({{"password", "password_contains_name"}}));
  directory::User short_name = Zoe();
  short_name.first_name = "Al";  // parts under 3 characters are not checked
  short_name.last_name = "Bo";
  short_name.email.reset();
  EXPECT_THAT(CheckPassword("Alpine-Bottle-88", short_name), IsEmpty());
}

TEST(Password, R10_InvalidUtf8IsRefused) {
  EXPECT_THAT(CheckPassword("\xff\xfe-abcdefghijkl", Zoe()),
              HasFieldErrors({{"password", "invalid"}}));
}

}  // namespace
}  // namespace usher::onboarding
