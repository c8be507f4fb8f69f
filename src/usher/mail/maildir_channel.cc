#include "usher/mail/maildir_channel.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <vmime/vmime.hpp>

namespace usher::mail {
namespace fs = std::filesystem;

Result<std::unique_ptr<MaildirChannel>> MaildirChannel::Open(const std::string& dir, Sender from,
                                                             bool sms) {
  std::error_code ec;
  for (const char* sub : {"tmp", "new", "cur"}) {
    fs::create_directories(fs::path(dir) / sub, ec);
    if (ec) {
      return Fail(ErrorKind::kUnavailable, "maildir_unavailable",
                  "Cannot create the Maildir " + dir + ": " + ec.message());
    }
  }
  return std::unique_ptr<MaildirChannel>(new MaildirChannel(dir, std::move(from), sms));
}

outbox::DeliveryResult MaildirChannel::Send(const outbox::Envelope& e) {
  std::string bytes;
  if (sms_) {
    // An SMS as a mail to nobody: the text and the number it was for.
    InitVmime();
    vmime::messageBuilder mb;
    mb.setExpeditor(vmime::mailbox(vmime::text(from_.name, vmime::charsets::UTF_8), from_.address));
    vmime::addressList to;
    to.appendAddress(vmime::make_shared<vmime::mailbox>(from_.address));
    mb.setRecipients(to);
    mb.setSubject(vmime::text("SMS " + e.to, vmime::charsets::UTF_8));
    mb.getTextPart()->setCharset(vmime::charsets::UTF_8);
    mb.getTextPart()->setText(vmime::make_shared<vmime::stringContentHandler>(e.text));
    auto msg = mb.construct();
    auto factory = vmime::headerFieldFactory::getInstance();
    msg->getHeader()->appendField(factory->create("X-Usher-Sms-To", e.to));
    msg->getHeader()->appendField(factory->create("X-Usher-Message", invitation::ToString(e.kind)));
    msg->getHeader()->appendField(factory->create("X-Usher-Invitation", e.invitation_id));
    bytes = Serialize(*msg);
  } else {
    auto msg = BuildMessage(e, from_);
    if (!msg) return {outbox::Outcome::kFailed, msg.error().code};
    bytes = Serialize(**msg);
  }
  const std::string name = std::to_string(ToUnix(e.date)) + "." + std::to_string(getpid()) + "_" +
                           std::to_string(++counter_) + "." + e.message_id + ".usher";
  const fs::path tmp = fs::path(dir_) / "tmp" / name;
  // Written and synced before it is moved into new/: once the outbox records the message
  // as sent, the file is on disk.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return {outbox::Outcome::kRetry, "cannot create a file in the Maildir"};
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const bool ok = written == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    return {outbox::Outcome::kRetry, "cannot write to the Maildir"};
  }
  std::error_code ec;
  fs::rename(tmp, fs::path(dir_) / "new" / name, ec);
  if (ec) return {outbox::Outcome::kRetry, "cannot move into Maildir/new: " + ec.message()};
  return {outbox::Outcome::kSent, ""};
}

}  // namespace usher::mail
