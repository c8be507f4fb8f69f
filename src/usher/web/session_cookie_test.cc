#include "usher/web/session_cookie.h"

#include <gtest/gtest.h>

namespace usher::web {
namespace {

TEST(CookieValue, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(CookieValue("a=1; usher_session=tok; b=2", "usher_session"), "tok");
  EXPECT_EQ(CookieValue("usher_session=tok", "usher_session"), "tok");
  EXPECT_EQ(CookieValue("  usher_session = \"tok\" ;x=y", "usher_session"), "tok");
  EXPECT_EQ(CookieValue("xusher_session=tok; usher_session_x=1", "usher_session"), "");
  EXPECT_EQ(CookieValue("", "usher_session"), "");
  EXPECT_EQ(CookieValue("garbage;;=;", "usher_session"), "");
}

TEST(SetCookie, CarriesTheFlagsOfR15) {
  EXPECT_EQ(SetCookie("usher_session", "abc", false),
            "usher_session=abc; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(SetCookie("usher_session", "abc", true, 60),
            "usher_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=60");
  EXPECT_EQ(ClearCookie("usher_session", true),
            "usher_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
}

TEST(IsSecureUrl, OnlyHttps) {
  EXPECT_TRUE(IsSecureUrl("https://usher.example"));
  EXPECT_TRUE(IsSecureUrl("HTTPS://usher.example"));
  EXPECT_FALSE(IsSecureUrl("http://127.0.0.1:8080"));
  EXPECT_FALSE(IsSecureUrl("https:/"));
  EXPECT_FALSE(IsSecureUrl(""));
}

TEST(Csrf, DependsOnTheSessionAndIsStable) {
  const std::string token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  const std::string other = "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  const std::string a = CsrfForSession(token);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a, CsrfForSession(token));
  EXPECT_NE(a, CsrfForSession(other));
  EXPECT_NE(a, token);  // never the session token itself
  EXPECT_EQ(CsrfForSession(""), "");
  // Short and long tokens work too (the key is hashed when it does not fit).
  EXPECT_EQ(CsrfForSession("short").size(), 43u);
  EXPECT_EQ(CsrfForSession(std::string(200, 'x')).size(), 43u);
}

TEST(Csrf, MatchesOnlyTheSameNonEmptyValue) {
  const std::string a = CsrfForSession("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_TRUE(CsrfMatches(a, a));
  EXPECT_FALSE(CsrfMatches(a, a.substr(1)));
  EXPECT_FALSE(CsrfMatches(a, ""));
  EXPECT_FALSE(CsrfMatches("", ""));
  std::string changed = a;
  changed.back() = changed.back() == 'x' ? 'y' : 'x';
  EXPECT_FALSE(CsrfMatches(a, changed));
}

TEST(Csrf, LoginValuesAreFresh) {
  const std::string a = NewLoginCsrf();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, NewLoginCsrf());
}

}  // namespace
}  // namespace usher::web
