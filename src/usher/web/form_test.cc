#include "usher/web/form.h"

#include <gtest/gtest.h>

namespace usher::web {
namespace {

TEST(ParseForm, UrlEncodedKeepsEveryValueOfAMultiSelect) {
  auto f = ParseForm("application/x-www-form-urlencoded",
                     "first_name=Zo%C3%AB+Anna&store_ids=a&store_ids=b&empty=&flag");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->Get("first_name"), "Zoë Anna");
  EXPECT_EQ(f->All("store_ids"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(f->Get("store_ids"), "a");
  EXPECT_TRUE(f->Has("empty"));
  EXPECT_TRUE(f->Has("flag"));
  EXPECT_FALSE(f->Has("missing"));
  EXPECT_EQ(f->Get("missing"), "");
}

TEST(ParseForm, MultipartWithAFile) {
  const std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
      "tok\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"a;b.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\n"
      "first_name,last_name\r\nAna,Peeters\r\n\r\n"
      "--XyZ--\r\n";
  auto f = ParseForm("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->Get("csrf"), "tok");
  EXPECT_EQ(f->Get("file"), "first_name,last_name\r\nAna,Peeters\r\n");
}

TEST(ParseForm, MultipartQuotedBoundaryAndEmptyFile) {
  const std::string body =
      "--a b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n\r\n"
      "--a b\r\nContent-Disposition: form-data; name=\"csv\"\r\n\r\nx,y\r\n--a b--";
  auto f = ParseForm("Multipart/Form-Data; boundary=\"a b\"", body);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->Get("file"), "");
  EXPECT_EQ(f->Get("csv"), "x,y");
}

TEST(ParseForm, BrokenMultipartIsABadRequest) {
  EXPECT_FALSE(ParseForm("multipart/form-data", "x"));
  EXPECT_FALSE(ParseForm("multipart/form-data; boundary=q", "no delimiter"));
  EXPECT_FALSE(ParseForm("multipart/form-data; boundary=q",
                         "--q\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever closed"));
}

TEST(ParseForm, OtherTypesGiveAnEmptyForm) {
  auto f = ParseForm("application/json", "{\"csrf\":\"x\"}");
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->fields.empty());
}

TEST(UrlEncode, EncodesAllButUnreserved) {
  EXPECT_EQ(UrlEncode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(UrlEncode("/cms?x=1&y=é"), "%2Fcms%3Fx%3D1%26y%3D%C3%A9");
  EXPECT_EQ(QueryString({{"q", "a b"}, {"empty", ""}, {"sort", "-expires_at"}}),
            "q=a%20b&sort=-expires_at");
}

TEST(HeaderParameter, ReadsQuotedAndPlainValues) {
  EXPECT_EQ(HeaderParameter("multipart/alternative; boundary=\"=_x\"", "boundary"), "=_x");
  EXPECT_EQ(HeaderParameter("text/plain; charset=utf-8", "charset"), "utf-8");
  EXPECT_EQ(HeaderParameter("form-data; filename=\"a\\\"b\"; name=x", "name"), "x");
  EXPECT_EQ(HeaderParameter("text/plain", "charset"), "");
}

}  // namespace
}  // namespace usher::web
