#include "usher/mail/smtp_channel.h"

#include <vmime/security/cert/defaultCertificateVerifier.hpp>
#include <vmime/vmime.hpp>

#include "usher/mail/coalescing_socket.h"

namespace usher::mail {
namespace {

// Accepts the server's certificate chain as the system's trust store would; vmime 0.9
// has no system store, so the chain is checked by GnuTLS's default verification rules in
// vmime, and an invalid chain fails the connection (retried later).
class SystemVerifier final : public vmime::security::cert::defaultCertificateVerifier {};

}  // namespace

bool IsPermanentSmtpReply(const std::string& reply) {
  size_t i = 0;
  while (i < reply.size() && (reply[i] == ' ' || reply[i] == '\r' || reply[i] == '\n')) ++i;
  return i < reply.size() && reply[i] == '5';
}

SmtpChannel::SmtpChannel(std::string url, Sender from)
    : url_(std::move(url)), from_(std::move(from)) {}

SmtpChannel::~SmtpChannel() { Disconnect(); }

Result<std::unique_ptr<SmtpChannel>> SmtpChannel::Create(const std::string& url, Sender from) {
  if (!url.starts_with("smtp://") && !url.starts_with("smtps://")) {
    return Fail(ValidationError({{"smtp", "invalid"}}));
  }
  try {
    InitVmime();
    vmime::utility::url parsed(url);
    if (parsed.getHost().empty()) return Fail(ValidationError({{"smtp", "invalid"}}));
  } catch (const std::exception&) {
    return Fail(ValidationError({{"smtp", "invalid"}}));
  }
  return std::unique_ptr<SmtpChannel>(new SmtpChannel(url, std::move(from)));
}

void SmtpChannel::Disconnect() {
  try {
    if (transport_ && transport_->isConnected()) transport_->disconnect();
  } catch (...) {
  }
  transport_.reset();
}

outbox::DeliveryResult SmtpChannel::Send(const outbox::Envelope& e) {
  auto msg = BuildMessage(e, from_);
  if (!msg) return {outbox::Outcome::kFailed, msg.error().code};
  try {
    if (!transport_ || !transport_->isConnected()) {
      Disconnect();
      session_ = vmime::net::session::create();
      vmime::utility::url url(url_);
      transport_ = session_->getTransport(url);
      const bool has_user = !url.getUsername().empty();
      transport_->setProperty("options.need-authentication", has_user);
      if (has_user) {
        transport_->setProperty("auth.username", url.getUsername());
        transport_->setProperty("auth.password", url.getPassword());
      }
      if (url.getProtocol() == "smtp") {
        transport_->setProperty("connection.tls", true);  // STARTTLS when offered
        transport_->setProperty("connection.tls.required", false);
      }
      transport_->setCertificateVerifier(vmime::make_shared<SystemVerifier>());
      transport_->setSocketFactory(vmime::make_shared<CoalescingSocketFactory>(
          vmime::platform::getHandler()->getSocketFactory()));
      transport_->connect();
    }
    transport_->send(*msg);
    return {outbox::Outcome::kSent, ""};
  } catch (const vmime::exceptions::command_error& ex) {
    const std::string reply = ex.response();
    // The connection may be in any state after a refused command: start afresh next time.
    Disconnect();
    return {IsPermanentSmtpReply(reply) ? outbox::Outcome::kFailed : outbox::Outcome::kRetry,
            ex.command() + ": " + reply};
  } catch (const std::exception& ex) {
    Disconnect();
    return {outbox::Outcome::kRetry, ex.what()};
  }
}

}  // namespace usher::mail
