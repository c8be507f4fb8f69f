#include "usher/web/maildir_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/temp_dir.h"

namespace usher::web {
namespace {

TEST(DecodeHeaderWords, QAndBWordsAndPlainText) {
  EXPECT_EQ(DecodeHeaderWords("=?utf-8?Q?Zo=C3=AB_Peeters?= <zoe@example.com>"),
            "Zoë Peeters <zoe@example.com>");
  EXPECT_EQ(DecodeHeaderWords("Einladung =?utf-8?B?4oCT?= bitte =?utf-8?Q?best=C3=A4tigen?="),
            "Einladung – bitte bestätigen");
  EXPECT_EQ(DecodeHeaderWords("=?UTF-8?B?Wm8=?= =?UTF-8?B?w6s=?="), "Zoë");  // joined
  EXPECT_EQ(DecodeHeaderWords("plain subject"), "plain subject");
  EXPECT_EQ(DecodeHeaderWords("broken =?utf-8?Q?x"), "broken =?utf-8?Q?x");
}

TEST(ParseMail, TextPartOfAMultipartMessage) {
  const std::string raw =
      "Subject: =?utf-8?Q?Welkom_bij_Demo?=\r\n"
      "To: =?utf-8?Q?Zo=C3=AB?= <zoe@example.com>\r\n"
      "X-Usher-Message: invitation\r\n"
      "X-Usher-Invitation: abc123\r\n"
      "Content-Type: multipart/alternative;\r\n"
      " boundary=\"=_b1\"\r\n"
      "\r\n"
      "--=_b1\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n"
      "Hallo Zo=C3=AB,\r\n"
      "https://usher.example/register/abc=\r\ndef\r\n"
      "--=_b1\r\n"
      "Content-Type: text/html; charset=utf-8\r\n"
      "\r\n"
      "<p>html</p>\r\n"
      "--=_b1--\r\n";
  const MailText m = ParseMail(raw);
  EXPECT_EQ(m.subject, "Welkom bij Demo");
  EXPECT_EQ(m.to, "Zoë <zoe@example.com>");
  EXPECT_EQ(m.kind, "invitation");
  EXPECT_EQ(m.invitation_id, "abc123");
  EXPECT_EQ(m.text, "Hallo Zoë,\nhttps://usher.example/register/abcdef");
}

TEST(ParseMail, SmsWrittenAsTextMail) {
  const MailText m = ParseMail(
      "X-Usher-Sms-To: +32470123456\nContent-Transfer-Encoding: base64\n\nSGFsbG8gWm/DqyE=\n");
  EXPECT_EQ(m.to, "+32470123456");
  EXPECT_EQ(m.text, "Hallo Zoë!");
}

TEST(SplitLinks, LinksWithoutTrailingPunctuation) {
  auto pieces = SplitLinks("Open https://u.example/register/x_y. Or http://a.b");
  ASSERT_EQ(pieces.size(), 4u);
  EXPECT_EQ(pieces[0].text, "Open ");
  EXPECT_FALSE(pieces[0].link);
  EXPECT_EQ(pieces[1].text, "https://u.example/register/x_y");
  EXPECT_TRUE(pieces[1].link);
  EXPECT_EQ(pieces[2].text, ". Or ");
  EXPECT_EQ(pieces[3].text, "http://a.b");
  EXPECT_TRUE(pieces[3].link);
  EXPECT_TRUE(SplitLinks("").empty());
  EXPECT_FALSE(SplitLinks("javascript:alert(1)")[0].link);
}

TEST(Maildir, ListsNewestFirstAndReadsOnlyBareNames) {
  namespace fs = std::filesystem;
  const usher::testing::TempDir tmp("maildir");
  const fs::path& dir = tmp.path();
  fs::create_directories(dir / "new");
  fs::create_directories(dir / "cur");
  std::ofstream(dir / "new" / "1.a") << "Subject: old\n\nx";
  std::ofstream(dir / "cur" / "2.b:2,S") << "Subject: new\n\ny";
  fs::last_write_time(dir / "new" / "1.a",
                      fs::file_time_type::clock::now() - std::chrono::hours(1));
  auto list = ListMaildir(dir.string(), 10);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, "2.b:2,S");
  EXPECT_EQ(list[1].id, "1.a");
  EXPECT_EQ(ListMaildir(dir.string(), 1).size(), 1u);
  EXPECT_EQ(ReadMaildirFile(dir.string(), "1.a"), "Subject: old\n\nx");
  EXPECT_FALSE(ReadMaildirFile(dir.string(), "../new/1.a"));
  EXPECT_FALSE(ReadMaildirFile(dir.string(), ".."));
  EXPECT_FALSE(ReadMaildirFile(dir.string(), "missing"));
  EXPECT_TRUE(ListMaildir((dir / "none").string(), 10).empty());
}

}  // namespace
}  // namespace usher::web
