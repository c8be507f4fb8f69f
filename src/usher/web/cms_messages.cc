// The messages usher wrote to its Maildir (only when that is where messages go), so an
// admin without a mail server sees what was sent. Only the messages of the admin's
// company's pending invitations are shown (R15).
#include "usher/web/cms_common.h"
#include "usher/web/local_time.h"
#include "usher/web/maildir_reader.h"

namespace usher::web::cms {
namespace {

constexpr size_t kFilesRead = 500;
constexpr size_t kShown = 100;

// The message, when it belongs to a pending invitation of the admin's company.
std::optional<MailText> Visible(const Visit& v, const std::string& raw) {
  MailText mail = ParseMail(raw);
  if (mail.invitation_id.empty()) return std::nullopt;
  if (!v.cms.s.invitations.Get(v.Actor(), mail.invitation_id)) return std::nullopt;
  return mail;
}

std::string KindText(const Visit& v, const std::string& kind) {
  if (kind == "invitation" || kind == "reminder" || kind == "resend") {
    return v.T("messages.kind_" + kind);
  }
  return kind;
}

http::Response MessageList(http::Request& req, Visit& v) {
  const std::string& dir = v.cms.options.maildir;
  json m = v.Model(req, "messages", v.T("messages.title"));
  json rows = json::array();
  for (const auto& entry : ListMaildir(dir, kFilesRead)) {
    if (rows.size() >= kShown) break;
    auto raw = ReadMaildirFile(dir, entry.id);
    if (!raw) continue;
    auto mail = Visible(v, *raw);
    if (!mail) continue;
    rows.push_back({{"href", "/cms/messages/" + UrlEncode(entry.id)},
                    {"date", ShortDateTime(entry.written, v.Settings().timezone, v.lang)},
                    {"date_iso", FormatRfc3339(entry.written)},
                    {"to", mail->to},
                    {"subject", mail->subject.empty() ? v.T("messages.no_subject") : mail->subject},
                    {"kind", KindText(v, mail->kind)}});
  }
  m["rows"] = rows;
  m["has_rows"] = !rows.empty();
  m["intro"] = v.T("messages.intro");
  for (const char* key : {"date", "to", "subject", "kind", "empty", "caption"}) {
    m["label_" + std::string(key)] = v.T("messages." + std::string(key));
  }
  return v.Render(200, "cms_messages", m);
}

http::Response MessageView(http::Request& req, Visit& v) {
  const std::string& dir = v.cms.options.maildir;
  const std::string id = req.Param("id");
  auto raw = ReadMaildirFile(dir, id);
  if (!raw) return NotFoundPage(v);
  auto mail = Visible(v, *raw);
  if (!mail) return NotFoundPage(v);
  Time written = v.cms.s.clock.Now();
  for (const auto& entry : ListMaildir(dir, kFilesRead)) {
    if (entry.id == id) written = entry.written;
  }
  json m =
      v.Model(req, "messages", mail->subject.empty() ? v.T("messages.no_subject") : mail->subject);
  json lines = json::array();
  std::string_view text = mail->text;
  while (!text.empty()) {
    const size_t eol = text.find('\n');
    json pieces = json::array();
    for (const auto& piece : SplitLinks(text.substr(0, eol))) {
      pieces.push_back({{"text", piece.text}, {"href", piece.link ? json(piece.text) : json()}});
    }
    lines.push_back({{"pieces", pieces}});
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
  }
  m["lines"] = lines;
  m["to"] = mail->to;
  m["kind"] = KindText(v, mail->kind);
  m["date"] = ShortDateTime(written, v.Settings().timezone, v.lang);
  for (const char* key : {"date", "to", "kind", "back", "body"}) {
    m["label_" + std::string(key)] = v.T("messages." + std::string(key));
  }
  return v.Render(200, "cms_mail", m);
}

}  // namespace

void AddMessagePages(http::Router& router, const CmsPtr& cms) {
  if (cms->options.maildir.empty()) return;
  router.Add("GET", "/cms/messages", AdminPage(cms, MessageList));
  router.Add("GET", "/cms/messages/{id}", AdminPage(cms, MessageView));
}

}  // namespace usher::web::cms
