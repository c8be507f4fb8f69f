// E-mail over SMTP with vmime: one connection reused for many messages (reconnected when
// it breaks), STARTTLS when the server offers it, AUTH when the URL has credentials,
// implicit TLS for smtps://. Called from one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "usher/mail/mime.h"
#include "usher/outbox/channel.h"

namespace vmime::net {
class session;
class transport;
}  // namespace vmime::net

namespace usher::mail {

class SmtpChannel final : public outbox::Channel {
 public:
  // `url`: smtp://[user:pass@]host:port or smtps://... kInvalid "invalid_smtp_url".
  static Result<std::unique_ptr<SmtpChannel>> Create(const std::string& url, Sender from);
  ~SmtpChannel() override;
  outbox::DeliveryResult Send(const outbox::Envelope& e) override;

 private:
  SmtpChannel(std::string url, Sender from);
  void Disconnect();

  std::string url_;
  Sender from_;
  std::shared_ptr<vmime::net::session> session_;
  std::shared_ptr<vmime::net::transport> transport_;
};

// Whether an SMTP reply ("550 5.1.1 ...") is permanent (5xx) or temporary (anything else).
bool IsPermanentSmtpReply(const std::string& reply);

}  // namespace usher::mail
