#include "usher/contact/phone.h"

#include <string>

#include <gtest/gtest.h>

namespace usher::contact {
namespace {

TEST(Phone, R1_ParsesBelgianNationalFormat) {
  EXPECT_EQ(NormalizePhone("0470 12 34 56", "BE"), "+32470123456");
  EXPECT_EQ(NormalizePhone("0470123456", "BE"), "+32470123456");
  EXPECT_EQ(NormalizePhone("0470/12.34.56", "BE"), "+32470123456");
  EXPECT_EQ(NormalizePhone("0470-12-34-56", "BE"), "+32470123456");
}

TEST(Phone, R1_ParsesInternationalFormatWithPlus) {
  EXPECT_EQ(NormalizePhone("+31 6 12345678", "BE"), "+31612345678");
  EXPECT_EQ(NormalizePhone("+32 470 12 34 56", "BE"), "+32470123456");
  EXPECT_EQ(NormalizePhone("+32 470 12 34 56", "NL"), "+32470123456");
  EXPECT_EQ(NormalizePhone("+32 (0)470 12 34 56", "BE"), "+32470123456");
  EXPECT_EQ(NormalizePhone("+1 650 253 0000", "BE"), "+16502530000");
}

TEST(Phone, R1_Parses00InternationalPrefix) {
  EXPECT_EQ(NormalizePhone("0032 470 12 34 56", "BE"), "+32470123456");
  EXPECT_EQ(NormalizePhone("0031 6 12345678", "BE"), "+31612345678");
  EXPECT_EQ(NormalizePhone("00 32 470 12 34 56", "NL"), "+32470123456");
}

TEST(Phone, R1_ParsesNumbersInTheirOwnRegion) {
  EXPECT_EQ(NormalizePhone("06 12345678", "NL"), "+31612345678");
  EXPECT_EQ(NormalizePhone("06 12 34 56 78", "FR"), "+33612345678");
  EXPECT_EQ(NormalizePhone("01 23 45 67 89", "FR"), "+33123456789");
  EXPECT_EQ(NormalizePhone("0151 23456789", "DE"), "+4915123456789");
  EXPECT_EQ(NormalizePhone("030 123456", "DE"), "+4930123456");
}

TEST(Phone, R1_SameDigitsDependOnTheDefaultRegion) {
  EXPECT_EQ(NormalizePhone("0612345678", "NL"), "+31612345678");
  EXPECT_EQ(NormalizePhone("0612345678", "FR"), "+33612345678");
  EXPECT_EQ(NormalizePhone("0470123456", "US"), std::nullopt);
}

TEST(Phone, R1_AcceptsFullWidthDigits) {
  EXPECT_EQ(NormalizePhone("０４７０ １２ ３４ ５６", "BE"), "+32470123456");
}

TEST(Phone, R1_RefusesTooShort) {
  EXPECT_EQ(NormalizePhone("0470", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("0470 12 34 5", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("+32 470", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("1", "BE"), std::nullopt);
}

TEST(Phone, R1_RefusesTooLong) {
  EXPECT_EQ(NormalizePhone("0470 12 34 56 7", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("0470 12 34 56 78 90", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("+32 470 12 34 56 78 90 12 34 56", "BE"), std::nullopt);
}

TEST(Phone, R1_RefusesLetters) {
  EXPECT_EQ(NormalizePhone("abcdefgh", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("not a number", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("ana@example.com", "BE"), std::nullopt);
}

TEST(Phone, R1_RefusesEmpty) {
  EXPECT_EQ(NormalizePhone("", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("   ", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("+", "BE"), std::nullopt);
}

TEST(Phone, R1_RefusesNumberWithExtension) {
  // E.164 cannot hold the extension; storing the number without it would be another number.
  EXPECT_EQ(NormalizePhone("0470 12 34 56 ext. 12", "BE"), std::nullopt);
  EXPECT_EQ(NormalizePhone("+32470123456;ext=12", "BE"), std::nullopt);
}

TEST(Phone, R1_RefusesLineBreaks) {
  EXPECT_EQ(NormalizePhone("+32470123456\r\nX", "BE"), std::nullopt);
}

TEST(Phone, R1_UnsupportedRegionIsRefused) {
  EXPECT_FALSE(IsSupportedRegion("XX"));
  EXPECT_EQ(NormalizePhone("0470 12 34 56", "XX"), std::nullopt);
  // Even a number that names its own country: the company's region must be a real one.
  EXPECT_EQ(NormalizePhone("+32 470 12 34 56", "XX"), std::nullopt);
}

TEST(Phone, R1_SupportedRegionsAreUpperCaseCountryCodes) {
  for (const char* region : {"BE", "NL", "FR", "DE", "LU", "GB", "US"}) {
    EXPECT_TRUE(IsSupportedRegion(region)) << region;
  }
  for (const char* region : {"XX", "ZZ", "be", "Be", "", "BEL", "001", "32"}) {
    EXPECT_FALSE(IsSupportedRegion(region)) << region;
  }
  EXPECT_EQ(NormalizePhone("0470 12 34 56", "be"), std::nullopt);
}

TEST(Phone, R1_RefusesInputOver64Bytes) {
  const std::string number = "+32 470 12 34 56";
  const std::string at_limit = std::string(64 - number.size(), ' ') + number;
  ASSERT_EQ(at_limit.size(), 64u);
  EXPECT_EQ(NormalizePhone(at_limit, "BE"), "+32470123456");
  const std::string over_limit = " " + at_limit;
  ASSERT_EQ(over_limit.size(), 65u);
  EXPECT_EQ(NormalizePhone(over_limit, "BE"), std::nullopt);
}

TEST(Phone, R1_DoesNotLogTheNumber) {
  testing::internal::CaptureStderr();
  testing::internal::CaptureStdout();
  NormalizePhone("+999 12 34", "BE");
  NormalizePhone("0470 12 34 56 ext. 12", "BE");
  NormalizePhone("abc", "BE");
  NormalizePhone("+32470123456", "BE");
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(Phone, R5_SearchKeyReadsPhoneNumbersLikeTheyAreStored) {
  EXPECT_EQ(PhoneSearchKey("0470 12 34 56", "BE"), "+32470123456");
  EXPECT_EQ(PhoneSearchKey("+32 470", "BE"), "+32470");
  EXPECT_EQ(PhoneSearchKey("(0470) 12-34", "BE"), "04701234");
  EXPECT_EQ(PhoneSearchKey("Peeters", "BE"), "Peeters");
  EXPECT_EQ(PhoneSearchKey("12", "BE"), "12");
  EXPECT_EQ(PhoneSearchKey("E-1001", "BE"), "E-1001");
}

}  // namespace
}  // namespace usher::contact
