#include "usher/web/cms_common.h"

#include <gtest/gtest.h>

namespace usher::web::cms {
namespace {

TEST(SafeCmsPath, KeepsCmsPathsOnly) {
  EXPECT_EQ(SafeCmsPath("/cms"), "/cms");
  EXPECT_EQ(SafeCmsPath("/cms/invitations?q=ana&sort=-expires_at"),
            "/cms/invitations?q=ana&sort=-expires_at");
  EXPECT_EQ(SafeCmsPath("/cms?x=1"), "/cms?x=1");
  for (const char* evil :
       {"", "https://evil.example/cms", "//evil.example/cms", "/cmsx", "/cms//evil.example",
        "/cms/\\evil", "/register/abc", "/cms/x\r\nSet-Cookie: a=b", "/cms/a b", "/cms/\xc3\xa9"}) {
    EXPECT_EQ(SafeCmsPath(evil), "/cms/invitations") << evil;
  }
}

}  // namespace
}  // namespace usher::web::cms
