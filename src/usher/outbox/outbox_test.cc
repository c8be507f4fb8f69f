#include <gtest/gtest.h>

#include "usher/outbox/rules.h"
#include "usher/outbox/sms.h"

namespace usher::outbox {
namespace {

const Time kT0 = FromUnix(1'800'000'000);

TEST(Backoff, R11_DoublesFrom30SecondsUpToAnHour) {
  EXPECT_EQ(NextAttemptAt(1, kT0, kT0, 0.5), kT0 + Seconds{30});
  EXPECT_EQ(NextAttemptAt(2, kT0, kT0, 0.5), kT0 + Seconds{60});
  EXPECT_EQ(NextAttemptAt(3, kT0, kT0, 0.5), kT0 + Seconds{120});
  EXPECT_EQ(NextAttemptAt(8, kT0, kT0, 0.5), kT0 + Seconds{3600});
  EXPECT_EQ(NextAttemptAt(50, kT0, kT0, 0.5), kT0 + Seconds{3600});
}

TEST(Backoff, R11_JitterSpreadsByTwentyPercent) {
  EXPECT_EQ(NextAttemptAt(2, kT0, kT0, 0.0), kT0 + Seconds{48});
  EXPECT_EQ(NextAttemptAt(2, kT0, kT0, 0.999999), kT0 + Seconds{71});
}

TEST(Backoff, R11_RetriesForAtLeast24Hours) {
  const Time almost = kT0 + 24 * kHour - Seconds{1};
  EXPECT_TRUE(NextAttemptAt(40, kT0, almost, 0.5));
  EXPECT_FALSE(NextAttemptAt(40, kT0, kT0 + 24 * kHour, 0.5));
}

TEST(Sms, R11_Gsm7SegmentBoundaries) {
  EXPECT_EQ(SmsSegments(std::string(160, 'a')), 1);
  EXPECT_EQ(SmsSegments(std::string(161, 'a')), 2);
  EXPECT_EQ(SmsSegments(std::string(306, 'a')), 2);
  EXPECT_EQ(SmsSegments(std::string(307, 'a')), 3);
  EXPECT_TRUE(IsGsm7("Hé Zoe, à demain ÄÖÜß"));
  EXPECT_FALSE(IsGsm7("à bientôt"));  // ô is not in GSM 03.38
}

TEST(Sms, R11_ExtensionCharactersCountTwice) {
  EXPECT_EQ(SmsSegments(std::string(80, '{')), 1);  // 160 septets
  EXPECT_EQ(SmsSegments(std::string(81, '{')), 2);
}

TEST(Sms, R11_OtherCharactersForceUcs2) {
  EXPECT_FALSE(IsGsm7("Zoë"));  // ë is not in GSM 03.38
  std::string s;
  for (int i = 0; i < 70; ++i) s += "ł";
  EXPECT_EQ(SmsSegments(s), 1);
  s += "ł";
  EXPECT_EQ(SmsSegments(s), 2);
  std::string two;
  for (int i = 0; i < 134; ++i) two += "李";
  EXPECT_EQ(SmsSegments(two), 2);
  EXPECT_EQ(SmsSegments(two + "李"), 3);
}

}  // namespace
}  // namespace usher::outbox
