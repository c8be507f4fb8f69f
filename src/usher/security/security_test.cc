#include <gtest/gtest.h>

#include <set>

#include "usher/security/password.h"
#include "usher/security/random.h"
#include "usher/security/token.h"

namespace usher::security {
namespace {

TEST(Token, R10_Is43Base64UrlCharactersWithoutPadding) {
  const std::string token = NewToken();
  EXPECT_EQ(token.size(), 43u);
  EXPECT_TRUE(IsWellFormedToken(token));
  EXPECT_EQ(token.find('='), std::string::npos);
}

TEST(Token, R10_TokensDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(NewToken()).second);
}

TEST(Token, R10_HashIsStableHexAndNotTheToken) {
  const std::string token = NewToken();
  const std::string hash = HashToken(token);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash, HashToken(token));
  EXPECT_NE(hash, HashToken(NewToken()));
  EXPECT_EQ(hash.find(token), std::string::npos);
}

TEST(Token, R10_RejectsMalformedTokens) {
  EXPECT_FALSE(IsWellFormedToken(""));
  EXPECT_FALSE(IsWellFormedToken(std::string(42, 'a')));
  EXPECT_FALSE(IsWellFormedToken(std::string(44, 'a')));
  EXPECT_FALSE(IsWellFormedToken(std::string(42, 'a') + "="));
  EXPECT_FALSE(IsWellFormedToken(std::string(42, 'a') + "/"));
  EXPECT_TRUE(IsWellFormedToken(std::string(42, 'a') + "_"));
}

TEST(Token, HashesEqualComparesWholeHashes) {
  const std::string h = HashToken("x");
  EXPECT_TRUE(HashesEqual(h, HashToken("x")));
  EXPECT_FALSE(HashesEqual(h, HashToken("y")));
  EXPECT_FALSE(HashesEqual(h, h.substr(0, 63)));
}

TEST(Id, IsUniqueHex) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewId();
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_TRUE(seen.insert(id).second);
  }
}

TEST(Id, WithATimeBeginsWithItAndStaysUniqueAndSortsByTime) {
  const Time t = FromUnix(1'790'000'000);  // 0x6ab13b80
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewId(t);
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(id.substr(0, 8), "6ab13b80");
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_TRUE(seen.insert(id).second);
  }
  EXPECT_LT(NewId(t), NewId(t + Seconds{1}).substr(0, 8) + "0");
}

TEST(Password, R15_Argon2idVerifiesTheRightPasswordOnly) {
  const auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
  EXPECT_FALSE(VerifyPassword("anything", "not a hash"));
  EXPECT_FALSE(VerifyPassword("anything", DummyPasswordHash()));
}

// R9/R15: an unknown account is checked against the dummy hash; it costs the same as a real
// check only if it carries the same Argon2id parameters as the hashes of real accounts.
TEST(Password, R15_DummyHashCostsAsMuchAsARealOne) {
  const auto real = HashPassword("a real password");
  ASSERT_TRUE(real.has_value());
  const auto params = [](const std::string& h) {
    return h.substr(0, h.rfind('$', h.rfind('$') - 1));
  };
  EXPECT_EQ(params(DummyPasswordHash()), params(*real));
  EXPECT_EQ(params(*real), "$argon2id$v=19$m=65536,t=2,p=1");
}

TEST(Password, EveryVerificationIsCounted) {
  const long long before = PasswordChecks();
  VerifyPassword("x", DummyPasswordHash());
  VerifyPassword("x", "not a hash");
  EXPECT_EQ(PasswordChecks(), before + 2);
}

}  // namespace
}  // namespace usher::security
