#include "usher/templates/file_renderer.h"

#include "usher/outbox/sms.h"

#include <mustache.hpp>
#include <unicode/datefmt.h>
#include <unicode/timezone.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace usher::templates {
namespace {

namespace fs = std::filesystem;
using kainjow::mustache::data;
using kainjow::mustache::mustache;

constexpr const char* kKinds[] = {"invitation", "resend", "reminder"};

std::optional<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// At most `n` code points of `s`, for the fields of an SMS.
std::string Truncate(const std::string& s, int32_t n) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (u.countChar32() <= n) return s;
  std::string out;
  u.tempSubString(0, u.moveIndex32(0, n)).toUTF8String(out);
  return out;
}

// `s` in the GSM 03.38 alphabet as far as possible ("Zoë Ñúñez-李" -> "Zoe Ñunez-li"), so that
// a name does not force a whole SMS into UCS-2.
std::string ToSmsAlphabet(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  static const std::unique_ptr<icu::Transliterator> latin(
      icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (!latin || outbox::IsGsm7(s)) return s;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  latin->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return outbox::IsGsm7(out) ? out : std::string();
}

std::string RenderText(const std::string& tmpl, const data& d, bool escape_html) {
  mustache m(tmpl);
  if (!escape_html) m.set_custom_escape([](const std::string& s) { return s; });
  return m.render(d);
}

}  // namespace

std::string LongDate(Time t, const std::string& timezone, const std::string& language) {
  std::unique_ptr<icu::DateFormat> f(icu::DateFormat::createDateInstance(
      icu::DateFormat::kLong, icu::Locale(language == "en" ? "en_GB" : language.c_str())));
  if (!f) return FormatDay(t);
  f->adoptTimeZone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(timezone)));
  icu::UnicodeString out;
  f->format(static_cast<UDate>(ToUnix(t)) * 1000.0, out);
  std::string s;
  out.toUTF8String(s);
  return s;
}

Result<std::unique_ptr<FileRenderer>> FileRenderer::Load(const std::string& dir) {
  auto r = std::unique_ptr<FileRenderer>(new FileRenderer());
  std::error_code ec;
  for (const char* kind : kKinds) {
    for (const auto& entry : fs::directory_iterator(fs::path(dir) / kind, ec)) {
      if (!entry.is_directory()) continue;
      Set set;
      const auto subject = ReadFile(entry.path() / "subject.txt");
      const auto text = ReadFile(entry.path() / "body.txt");
      const auto html = ReadFile(entry.path() / "body.html");
      const auto sms = ReadFile(entry.path() / "sms.txt");
      if (!subject || !text || !html || !sms) continue;
      r->sets_[std::string(kind) + "/" + entry.path().filename().string()] =
          Set{Trim(*subject), *text, *html, Trim(*sms)};
    }
  }
  r->layout_ = ReadFile(fs::path(dir) / "layout.html").value_or("{{{content}}}");
  if (!r->sets_.contains("invitation/en")) {
    return Fail(ErrorKind::kUnavailable, "templates_missing",
                "No message templates in " + dir + " (expected invitation/en/...)");
  }
  return r;
}

std::vector<std::string> FileRenderer::Languages() const {
  std::vector<std::string> out;
  for (const auto& [key, set] : sets_) {
    if (!key.starts_with("invitation/")) continue;
    const std::string lang = key.substr(11);
    if (sets_.contains("resend/" + lang) && sets_.contains("reminder/" + lang)) out.push_back(lang);
  }
  return out;
}

Result<outbox::Rendered> FileRenderer::Render(invitation::MessageKind kind,
                                              const std::string& language,
                                              const outbox::MessageModel& model) const {
  const std::string k = invitation::ToString(kind);
  std::string lang = language;
  auto it = sets_.find(k + "/" + lang);
  if (it == sets_.end()) {
    lang = "en";
    it = sets_.find(k + "/en");
  }
  if (it == sets_.end()) {
    return Fail(ErrorKind::kInternal, "template_missing", "No template for " + k);
  }
  data d;
  d.set("first_name", model.first_name);
  d.set("company", model.company);
  d.set("link", model.link);
  d.set("expires_on", LongDate(model.expires_at, model.timezone, lang));
  d.set("days_left", std::to_string(model.days_left));
  d.set("final_days", data(model.days_left <= 3));
  d.set("final_week", data(model.days_left > 3 && model.days_left <= 7));
  d.set("early", data(model.days_left > 7));
  d.set("one_day_left", data(model.days_left == 1));
  outbox::Rendered out;
  out.subject = RenderText(it->second.subject, d, false);
  out.text = RenderText(it->second.text, d, false);
  const std::string content = RenderText(it->second.html, d, true);
  data page;
  page.set("lang", lang);
  page.set("subject", out.subject);
  page.set("content", content);
  out.html = RenderText(layout_, page, true);
  // R11: at most two segments. Names that would force UCS-2 are written in the GSM
  // alphabet, and left out when even that does not fit.
  data sms = d;
  sms.set("first_name", Truncate(model.first_name, 20));
  sms.set("company", Truncate(model.company, 30));
  out.sms = RenderText(it->second.sms, sms, false);
  if (outbox::SmsSegments(out.sms) > outbox::kMaxSmsSegments) {
    sms.set("first_name", ToSmsAlphabet(Truncate(model.first_name, 20)));
    sms.set("company", ToSmsAlphabet(Truncate(model.company, 30)));
    out.sms = RenderText(it->second.sms, sms, false);
  }
  return out;
}

}  // namespace usher::templates
