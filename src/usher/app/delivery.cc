#include "usher/app/delivery.h"

#include "usher/mail/maildir_channel.h"
#include "usher/mail/smtp_channel.h"
#include "usher/sms/kannel_channel.h"

namespace usher::app {

Result<Delivery> MakeDelivery(const DeliveryArgs& args, const std::string& share_dir) {
  Delivery d;
  auto renderer = templates::FileRenderer::Load(share_dir + "/templates");
  if (!renderer) return Fail(renderer.error());
  d.renderer = std::move(*renderer);
  auto from = mail::ParseSender(args.mail_from);
  if (!from) return Fail(from.error());
  if (!args.smtp.empty()) {
    auto smtp = mail::SmtpChannel::Create(args.smtp, *from);
    if (!smtp) return Fail(smtp.error());
    d.email = std::move(*smtp);
  } else {
    auto maildir = mail::MaildirChannel::Open(args.maildir, *from, false);
    if (!maildir) return Fail(maildir.error());
    d.email = std::move(*maildir);
  }
  if (!args.sms_url.empty()) {
    auto kannel = sms::KannelChannel::Create(args.sms_url);
    if (!kannel) return Fail(kannel.error());
    d.sms = std::move(*kannel);
  } else {
    auto maildir = mail::MaildirChannel::Open(args.maildir, *from, true);
    if (!maildir) return Fail(maildir.error());
    d.sms = std::move(*maildir);
  }
  return d;
}

}  // namespace usher::app
