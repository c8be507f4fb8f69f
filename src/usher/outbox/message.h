// The outbox (SPEC R11): messages stored with what caused them, delivered afterwards.
// queued -> sending -> sent | failed; a crashed worker's claim ends with its lease.
#pragma once

#include <optional>
#include <string>

#include "usher/base/time.h"
#include "usher/invitation/invitation.h"

namespace usher::outbox {

// A message claimed for delivery, with the attempt that is under way.
struct Claimed {
  std::string id;
  std::string attempt_id;
  std::string company_id;
  std::string invitation_id;
  invitation::MessageKind kind = invitation::MessageKind::kInvitation;
  invitation::Channel channel = invitation::Channel::kEmail;
  std::string recipient;  // personal data: never logged
  std::string language;
  int attempts = 0;  // this one included
  Time created_at;
};

// What a channel hands over: rendered, with its headers' raw material.
struct Envelope {
  std::string message_id;     // the outbox id (X-Usher-Message-Id, Message-ID)
  std::string invitation_id;  // X-Usher-Invitation
  invitation::MessageKind kind = invitation::MessageKind::kInvitation;
  std::string language;  // Content-Language
  std::string to_name;   // "Zoë Ñúñez-李"
  std::string to;        // e-mail address or E.164 phone
  std::string subject;
  std::string text;  // text/plain body, or the SMS text
  std::string html;  // text/html body ("" for SMS)
  Time date;
};

// How one delivery attempt ended.
enum class Outcome { kSent, kRetry, kFailed };

struct DeliveryResult {
  Outcome outcome = Outcome::kSent;
  std::string error;  // for kRetry/kFailed: the server's answer (may quote the address)
};

}  // namespace usher::outbox
