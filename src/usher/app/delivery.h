// Builds what the outbox delivers with, from the command line: templates, the e-mail
// channel (SMTP with --smtp, else the Maildir) and the SMS channel (Kannel with --sms-url,
// else the Maildir).
#pragma once

#include <memory>
#include <string>

#include "usher/base/result.h"
#include "usher/outbox/channel.h"
#include "usher/templates/file_renderer.h"

namespace usher::app {

struct DeliveryArgs {
  std::string smtp;
  std::string mail_from = "usher <noreply@localhost>";
  std::string maildir = "usher-data/mail";
  std::string sms_url;
  int connections = 4;  // messages handed over at once (one connection each)
};

struct Delivery {
  std::unique_ptr<templates::FileRenderer> renderer;
  std::unique_ptr<outbox::Channel> email;
  std::unique_ptr<outbox::Channel> sms;
};

// kInvalid "validation" for a bad --smtp, --mail-from or --sms-url; kUnavailable when the
// templates or the Maildir cannot be read or made.
Result<Delivery> MakeDelivery(const DeliveryArgs& args, const std::string& share_dir);

}  // namespace usher::app
