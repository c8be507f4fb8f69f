// The embedded default transport: every message becomes a file in a Maildir
// (DIR/{tmp,new,cur}), so a new user sees what usher sends without a mail server. SMS
// messages land there too, as text mails with an X-Usher-Sms-To header.
#pragma once

#include <string>

#include "usher/mail/mime.h"
#include "usher/outbox/channel.h"

namespace usher::mail {

class MaildirChannel final : public outbox::Channel {
 public:
  // Creates DIR/{tmp,new,cur} when missing. kUnavailable when that fails.
  static Result<std::unique_ptr<MaildirChannel>> Open(const std::string& dir, Sender from,
                                                      bool sms);
  outbox::DeliveryResult Send(const outbox::Envelope& e) override;

 private:
  MaildirChannel(std::string dir, Sender from, bool sms)
      : dir_(std::move(dir)), from_(std::move(from)), sms_(sms) {}
  std::string dir_;
  Sender from_;
  bool sms_;
  unsigned long counter_ = 0;
};

}  // namespace usher::mail
