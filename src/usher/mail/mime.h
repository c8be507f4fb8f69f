// Builds an invitation e-mail with vmime (SPEC R11): multipart/alternative (UTF-8 text and
// HTML), RFC 2047 names, Message-ID, Date, Content-Language, Auto-Submitted and the
// X-Usher-* headers. Header injection is impossible: every value is encoded by vmime.
#pragma once

#include <memory>
#include <string>

#include "usher/base/result.h"
#include "usher/outbox/message.h"

namespace vmime {
class message;
}

namespace usher::mail {

// Once per process, before any other vmime call.
void InitVmime();

// "Usher <noreply@example.com>" -> name and address; kInvalid when not an address.
struct Sender {
  std::string name;
  std::string address;
};
Result<Sender> ParseSender(const std::string& from);

// The message for `e`, from `from`. The recipient's domain is put in ASCII (punycode).
Result<std::shared_ptr<vmime::message>> BuildMessage(const outbox::Envelope& e, const Sender& from);
// The RFC 5322 bytes of the message, with CRLF line ends.
std::string Serialize(const vmime::message& m);

}  // namespace usher::mail
