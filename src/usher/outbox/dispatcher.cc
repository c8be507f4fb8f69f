#include "usher/outbox/dispatcher.h"

#include <map>

#include "usher/invitation/rules.h"
#include "usher/outbox/rules.h"
#include "usher/security/random.h"
#include "usher/security/token.h"

namespace usher::outbox {

Result<Dispatcher::Pass> Dispatcher::DeliverDue(int batch, const std::function<bool()>& stop) {
  Pass pass;
  while (!stop || !stop()) {
    const Time now = d_.clock.Now();
    auto claimed = d_.outbox.Claim(now, kLease, batch);
    if (!claimed) return Fail(claimed.error());
    for (const Claimed& m : *claimed) {
      switch (DeliverOne(m, now)) {
        case Outcome::kSent:
          ++pass.sent;
          break;
        case Outcome::kRetry:
          ++pass.retried;
          break;
        case Outcome::kFailed:
          ++pass.failed;
          break;
      }
    }
    if (static_cast<int>(claimed->size()) < batch) break;
  }
  return pass;
}

Outcome Dispatcher::DeliverOne(const Claimed& m, Time now) {
  auto inv = d_.invitations.Get(m.company_id, m.invitation_id);
  auto company = d_.companies.Get(m.company_id);
  if (!inv || !company || inv->status != invitation::InvitationStatus::kPending) {
    // Erased, revoked or accepted meanwhile: nothing to send.
    (void)Record(m, {Outcome::kFailed, "invitation no longer pending"}, "", now);
    return Outcome::kFailed;
  }
  const std::string token = security::NewToken();
  const std::string hash = security::HashToken(token);
  if (auto added = d_.invitations.AddToken(inv->id, hash, now); !added) {
    (void)Record(m, {Outcome::kRetry, added.error().code}, "", now);
    return Outcome::kRetry;
  }
  MessageModel model{inv->user.first_name,
                     company->name,
                     d_.public_url + "/register/" + token,
                     inv->expires_at,
                     company->settings.timezone,
                     invitation::DaysLeft(inv->expires_at, now)};
  auto rendered = d_.renderer.Render(m.kind, m.language, model);
  if (!rendered) {
    (void)Record(m, {Outcome::kFailed, rendered.error().code}, hash, now);
    return Outcome::kFailed;
  }
  Envelope e;
  e.message_id = m.id;
  e.invitation_id = m.invitation_id;
  e.kind = m.kind;
  e.language = m.language;
  e.to_name = inv->user.first_name + " " + inv->user.last_name;
  e.to = m.recipient;
  e.subject = rendered->subject;
  e.date = now;
  if (m.channel == invitation::Channel::kSms) {
    e.text = rendered->sms;
  } else {
    e.text = rendered->text;
    e.html = rendered->html;
  }
  Channel& channel = m.channel == invitation::Channel::kSms ? d_.sms : d_.email;
  const DeliveryResult result = channel.Send(e);
  (void)Record(m, result, hash, d_.clock.Now());
  return result.outcome;
}

Status Dispatcher::Record(const Claimed& m, const DeliveryResult& result,
                          const std::string& token_hash, Time now) {
  switch (result.outcome) {
    case Outcome::kSent:
      return d_.outbox.MarkSent(m, now);
    case Outcome::kRetry:
      if (auto next = NextAttemptAt(m.attempts, m.created_at, now, d_.jitter())) {
        return d_.outbox.MarkRetry(m, now, *next, result.error, token_hash);
      }
      return d_.outbox.MarkFailed(m, now, "gave up after 24 hours: " + result.error, token_hash);
    case Outcome::kFailed:
      return d_.outbox.MarkFailed(m, now, result.error, token_hash);
  }
  return Ok();
}

}  // namespace usher::outbox
