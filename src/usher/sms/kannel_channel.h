// SMS through Kannel's HTTP sendsms interface (smsbox): GET {sms-url}&to=...&text=...
// 2xx = accepted; 4xx (bad credentials, bad number) = failed; 5xx, refused, timeout =
// retried. One request per message; called from one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "usher/base/result.h"
#include "usher/outbox/channel.h"

namespace usher::sms {

class KannelChannel final : public outbox::Channel {
 public:
  // `url`: http://host:port/cgi-bin/sendsms?username=...&password=...[&from=...].
  // kInvalid "validation" (field sms_url) when it is not such a URL.
  static Result<std::unique_ptr<KannelChannel>> Create(const std::string& url);
  outbox::DeliveryResult Send(const outbox::Envelope& e) override;

 private:
  KannelChannel(std::string host, std::string port, std::string target)
      : host_(std::move(host)), port_(std::move(port)), target_(std::move(target)) {}
  std::string host_, port_, target_;
};

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string UrlEncode(const std::string& s);

}  // namespace usher::sms
