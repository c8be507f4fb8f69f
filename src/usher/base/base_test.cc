#include <gtest/gtest.h>

#include "usher/base/clock.h"
#include "usher/base/languages.h"
#include "usher/base/result.h"
#include "usher/base/text.h"
#include "usher/base/time.h"

namespace usher {
namespace {

TEST(Time, FormatsAndParsesRfc3339) {
  const Time t = FromUnix(1'800'000'000);
  EXPECT_EQ(FormatRfc3339(t), "2027-01-15T08:00:00Z");
  EXPECT_EQ(FormatDay(t), "2027-01-15");
  EXPECT_EQ(ParseRfc3339("2027-01-15T08:00:00Z"), t);
  EXPECT_EQ(ParseRfc3339("2027-01-15t08:00:00.999z"), t);
  EXPECT_EQ(ParseRfc3339("2027-01-15T09:30:00+01:30"), t);
  EXPECT_EQ(ParseRfc3339("2027-01-15T06:00:00-02:00"), t);
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z"), FromUnix(0));
}

TEST(Time, RejectsMalformedRfc3339) {
  for (const char* bad :
       {"", "2027-01-15", "2027-01-15T08:00:00", "2027-13-01T00:00:00Z", "2027-02-30T00:00:00Z",
        "2027-01-15T24:00:00Z", "2027-01-15T08:00Z", "2027-01-15T08:00:00+0100",
        "2027-01-15T08:00:00Zjunk", "2027-01-15T08:00:00.Z", "x027-01-15T08:00:00Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad)) << bad;
  }
}

TEST(Clock, TestClockMovesOnlyForward) {
  TestClock clock(FromUnix(1000));
  EXPECT_EQ(clock.Now(), FromUnix(1000));
  clock.Advance(Seconds{5});
  EXPECT_EQ(clock.Now(), FromUnix(1005));
  EXPECT_TRUE(clock.Set(FromUnix(2000)));
  EXPECT_FALSE(clock.Set(FromUnix(1999)));
  EXPECT_EQ(clock.Now(), FromUnix(2000));
  EXPECT_TRUE(clock.Set(FromUnix(2000)));
}

TEST(Clock, SystemClockIsNow) {
  const auto before = std::chrono::floor<Seconds>(std::chrono::system_clock::now());
  const Time now = SystemClock().Now();
  EXPECT_GE(now, before);
  EXPECT_LE(now, before + Seconds{2});
}

TEST(Text, Utf8Validity) {
  EXPECT_TRUE(text::IsValidUtf8("Zoë Ñúñez-李"));
  EXPECT_FALSE(text::IsValidUtf8("\xc3\x28"));
  EXPECT_FALSE(text::IsValidUtf8("\xed\xa0\x80"));  // a UTF-16 surrogate
  EXPECT_FALSE(text::IsValidUtf8("\xc0\xaf"));      // overlong
}

TEST(Text, CleanTrimsUnicodeSpaceAndNormalisesToNfc) {
  EXPECT_EQ(text::Clean(" \u00a0\u3000Zoe\u0308 \t"), "Zo\u00eb");
  EXPECT_EQ(text::Clean("   "), "");
  EXPECT_EQ(text::Length("Zoë李"), 4u);
}

TEST(Text, FoldIsCaseInsensitiveBeyondAscii) {
  EXPECT_EQ(text::Fold("ZOË@Example.COM"), text::Fold("zoë@example.com"));
  EXPECT_EQ(text::Fold("STRASSE"), text::Fold("straße"));
  EXPECT_EQ(text::AsciiLower("ÀB"), "Àb");
}

TEST(Languages, R12_TheEightLanguages) {
  const Languages l = Languages::Default();
  EXPECT_EQ(l.list().size(), 8u);
  for (const char* code : {"en", "nl", "fr", "de", "es", "it", "pt", "pl"}) {
    EXPECT_TRUE(l.Supports(code)) << code;
  }
  EXPECT_FALSE(l.Supports("sv"));
}

TEST(Result, ErrorsCarryFieldsAndDetails) {
  Error e = ValidationError({{"email", "invalid"}});
  EXPECT_EQ(e.kind, ErrorKind::kInvalid);
  EXPECT_EQ(e.code, "validation");
  e.details = {{"invitation_id", "abc"}};
  EXPECT_EQ(e.Detail("invitation_id"), "abc");
  EXPECT_EQ(e.Detail("missing"), "");
}

}  // namespace
}  // namespace usher
