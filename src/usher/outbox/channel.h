// A way to hand a message over: e-mail (SMTP or Maildir) or SMS (Kannel). Implementations
// live in the adapters (mail/, sms/); the outbox only knows this interface.
#pragma once

#include "usher/outbox/message.h"

namespace usher::outbox {

class Channel {
 public:
  virtual ~Channel() = default;
  // Hands one message over; blocks until the other side took it or refused it.
  // kRetry for temporary failures (connection refused, timeout, SMTP 4xx, gateway 5xx),
  // kFailed for permanent ones (SMTP 5xx such as an unknown mailbox). Never throws.
  // Called from one thread at a time.
  virtual DeliveryResult Send(const Envelope& envelope) = 0;
};

}  // namespace usher::outbox
