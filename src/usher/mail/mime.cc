#include "usher/mail/mime.h"

#include <mutex>
#include <vmime/platforms/posix/posixHandler.hpp>
#include <vmime/vmime.hpp>

#include "usher/contact/email.h"
#include "usher/invitation/invitation.h"

namespace usher::mail {

void InitVmime() {
  static std::once_flag once;
  std::call_once(once,
                 [] { vmime::platform::setHandler<vmime::platforms::posix::posixHandler>(); });
}

Result<Sender> ParseSender(const std::string& from) {
  Sender s;
  const size_t lt = from.rfind('<');
  if (lt != std::string::npos && !from.empty() && from.back() == '>') {
    s.name = from.substr(0, lt);
    while (!s.name.empty() && s.name.back() == ' ') s.name.pop_back();
    if (s.name.size() >= 2 && s.name.front() == '"' && s.name.back() == '"') {
      s.name = s.name.substr(1, s.name.size() - 2);
    }
    s.address = from.substr(lt + 1, from.size() - lt - 2);
  } else {
    s.address = from;
  }
  auto ascii = contact::EmailToAscii(s.address);
  if (!ascii || s.name.find_first_of("\r\n") != std::string::npos) {
    return Fail(ValidationError({{"mail_from", "invalid"}}));
  }
  s.address = *ascii;
  return s;
}

Result<std::shared_ptr<vmime::message>> BuildMessage(const outbox::Envelope& e,
                                                     const Sender& from) {
  InitVmime();
  const auto to = contact::EmailToAscii(e.to);
  if (!to) return Fail(ErrorKind::kInvalid, "invalid_recipient", "Not an e-mail address.");
  try {
    vmime::messageBuilder mb;
    mb.setExpeditor(vmime::mailbox(vmime::text(from.name, vmime::charsets::UTF_8), from.address));
    vmime::addressList recipients;
    recipients.appendAddress(
        vmime::make_shared<vmime::mailbox>(vmime::text(e.to_name, vmime::charsets::UTF_8), *to));
    mb.setRecipients(recipients);
    mb.setSubject(vmime::text(e.subject, vmime::charsets::UTF_8));
    mb.constructTextPart(vmime::mediaType(vmime::mediaTypes::TEXT, vmime::mediaTypes::TEXT_HTML));
    auto part = vmime::dynamicCast<vmime::htmlTextPart>(mb.getTextPart());
    part->setCharset(vmime::charsets::UTF_8);
    part->setText(vmime::make_shared<vmime::stringContentHandler>(e.html));
    part->setPlainText(vmime::make_shared<vmime::stringContentHandler>(e.text));
    auto msg = mb.construct();

    auto header = msg->getHeader();
    const std::string domain = from.address.substr(from.address.find('@') + 1);
    header->MessageId()->setValue(vmime::messageId(e.message_id, domain));
    const auto days = std::chrono::floor<std::chrono::days>(e.date);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{e.date - days};
    header->Date()->setValue(vmime::datetime(int(ymd.year()), int(unsigned(ymd.month())),
                                             int(unsigned(ymd.day())), int(hms.hours().count()),
                                             int(hms.minutes().count()), int(hms.seconds().count()),
                                             vmime::datetime::GMT));
    auto factory = vmime::headerFieldFactory::getInstance();
    const auto add = [&](const std::string& name, const std::string& value) {
      header->appendField(factory->create(name, value));
    };
    add("Content-Language", e.language);
    add("Auto-Submitted", "auto-generated");
    add("X-Usher-Message", invitation::ToString(e.kind));
    add("X-Usher-Invitation", e.invitation_id);
    return msg;
  } catch (const std::exception& ex) {
    return Fail(ErrorKind::kInternal, "mime_failed", ex.what());
  }
}

std::string Serialize(const vmime::message& m) {
  std::ostringstream out;
  vmime::utility::outputStreamAdapter os(out);
  m.generate(os);
  return out.str();
}

}  // namespace usher::mail
