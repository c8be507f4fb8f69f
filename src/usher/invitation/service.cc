#include "usher/invitation/service.h"

#include <map>
#include <set>

#include "usher/base/text.h"
#include "usher/contact/phone.h"
#include "usher/security/random.h"

namespace usher::invitation {

Result<FormContext> InvitationService::ContextFor(const company::Company& company,
                                                  const InviteForm& form,
                                                  const std::string& except_user_id) {
  FormContext ctx;
  ctx.languages = &d_.languages;
  ctx.default_region = company.settings.default_region;
  auto stores = d_.directory.ExistingStoreIds(company.id, form.store_ids);
  if (!stores) return Fail(stores.error());
  ctx.known_store_ids = std::move(*stores);
  auto groups = d_.directory.ExistingGroupIds(company.id, form.user_group_ids);
  if (!groups) return Fail(groups.error());
  ctx.known_group_ids = std::move(*groups);
  const auto external_id = CleanOptional(form.external_id);
  if (external_id && text::IsValidUtf8(*external_id)) {
    auto taken = d_.directory.ExternalIdTaken(company.id, *external_id, except_user_id);
    if (!taken) return Fail(taken.error());
    ctx.external_id_taken = *taken;
  }
  return ctx;
}

NewMessage InvitationService::MessageFor(const Invitation& inv, MessageKind kind, Time now) const {
  NewMessage m;
  m.id = security::NewId(now);
  m.kind = kind;
  m.channel = inv.channel;
  m.recipient = Recipient(inv.user, inv.channel);
  m.language = inv.user.language;
  m.created_at = now;
  return m;
}

AuditEntry InvitationService::Audit(const Actor& actor, const std::string& action,
                                    const std::string& id, Time now) const {
  return AuditEntry{now, actor.company_id, "admin", actor.admin_id, action, id};
}

Result<InvitationService::Checked> InvitationService::Check(const Actor& actor,
                                                            const InviteForm& form) {
  auto company = d_.companies.Get(actor.company_id);
  if (!company) return Fail(company.error());
  auto ctx = ContextFor(*company, form, "");
  if (!ctx) return Fail(ctx.error());
  auto user = ValidateInviteForm(form, *ctx);
  if (!user) return Fail(user.error());
  return Checked{std::move(*company), std::move(*user)};
}

NewInvitation InvitationService::Prepare(const Actor& actor, const company::Company& company,
                                         directory::User person, Time now) const {
  const auto& settings = company.settings;
  Invitation inv;
  inv.id = security::NewId(now);
  inv.company_id = actor.company_id;
  inv.user = std::move(person);
  inv.user.id = security::NewId(now);
  inv.user.company_id = actor.company_id;
  inv.user.created_at = now;
  inv.channel = ChooseChannel(inv.user);
  inv.invited_at = now;
  inv.expires_at = ExpiresAt(now, settings.validity_days);
  inv.invited_by = actor.admin_id;
  inv.agreement_version = company::kAgreementVersion;
  inv.agreement_accepted_at = now;
  inv.last_message_at = now;
  inv.next_reminder_at = NextReminderAt(settings.reminder_days, now, -1, inv.expires_at);
  NewMessage message = MessageFor(inv, MessageKind::kInvitation, now);
  AuditEntry audit = Audit(actor, "invitation.created", inv.id, now);
  return NewInvitation{std::move(inv), std::move(message), std::move(audit)};
}

Result<Invitation> InvitationService::Invite(const Actor& actor, const InviteForm& form) {
  auto checked = Check(actor, form);
  if (!checked) return Fail(checked.error());
  NewInvitation n = Prepare(actor, checked->company, std::move(checked->user), d_.clock.Now());
  USHER_RETURN_IF_ERROR(d_.invitations.Create(n.invitation, n.message, n.audit));
  return std::move(n.invitation);
}

Result<std::vector<Result<directory::User>>> InvitationService::ValidateMany(
    const Actor& actor, const std::vector<InviteForm>& forms) {
  auto company = d_.companies.Get(actor.company_id);
  if (!company) return Fail(company.error());
  std::set<std::string> store_set, group_set;
  for (const auto& f : forms) {
    store_set.insert(f.store_ids.begin(), f.store_ids.end());
    group_set.insert(f.user_group_ids.begin(), f.user_group_ids.end());
  }
  const std::vector<std::string> store_ids(store_set.begin(), store_set.end());
  const std::vector<std::string> group_ids(group_set.begin(), group_set.end());
  FormContext ctx;
  ctx.languages = &d_.languages;
  ctx.default_region = company->settings.default_region;
  auto stores = d_.directory.ExistingStoreIds(company->id, store_ids);
  if (!stores) return Fail(stores.error());
  ctx.known_store_ids = std::move(*stores);
  auto groups = d_.directory.ExistingGroupIds(company->id, group_ids);
  if (!groups) return Fail(groups.error());
  ctx.known_group_ids = std::move(*groups);
  std::vector<Result<directory::User>> out;
  out.reserve(forms.size());
  for (const auto& f : forms) out.push_back(ValidateInviteForm(f, ctx));
  return out;
}

Result<std::vector<Result<Invitation>>> InvitationService::InviteMany(
    const Actor& actor, const std::vector<directory::User>& people) {
  auto company = d_.companies.Get(actor.company_id);
  if (!company) return Fail(company.error());
  const Time now = d_.clock.Now();
  std::vector<NewInvitation> batch;
  batch.reserve(people.size());
  for (const auto& p : people) batch.push_back(Prepare(actor, *company, p, now));
  auto stored = d_.invitations.CreateMany(batch);
  if (!stored) return Fail(stored.error());
  std::vector<Result<Invitation>> out;
  out.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if ((*stored)[i]) {
      out.push_back(std::move(batch[i].invitation));
    } else {
      out.push_back(Fail((*stored)[i].error()));
    }
  }
  return out;
}

Result<std::vector<Status>> InvitationService::ConflictsOf(
    const Actor& actor, const std::vector<directory::User>& people) {
  std::vector<directory::User> users = people;
  for (auto& u : users) u.company_id = actor.company_id;
  return d_.invitations.CheckConflicts(users);
}

Result<directory::User> InvitationService::Validate(const Actor& actor, const InviteForm& form) {
  auto checked = Check(actor, form);
  if (!checked) return Fail(checked.error());
  return std::move(checked->user);
}

Result<Invitation> InvitationService::Get(const Actor& actor, const std::string& id) {
  return d_.invitations.Get(actor.company_id, id);
}

Result<directory::Page<Invitation>> InvitationService::List(const Actor& actor,
                                                            const ListRequest& r) {
  if (r.limit < 1 || r.limit > 200) return Fail(ValidationError({{"limit", "out_of_range"}}));
  ListQuery q;
  if (r.marker) {
    const ExpiryRange range = ExpiryRangeOf(*r.marker, d_.clock.Now());
    q.expires_after = range.after;
    q.expires_at_or_before = range.at_or_before;
  }
  q.role = r.role;
  q.store_id = r.store_id;
  q.user_group_id = r.user_group_id;
  q.q = text::IsValidUtf8(r.q) ? text::Clean(r.q) : std::string();
  if (!q.q.empty()) {
    auto company = d_.companies.Get(actor.company_id);
    if (!company) return Fail(company.error());
    q.q = contact::PhoneSearchKey(q.q, company->settings.default_region);
  }
  q.sort = r.sort;
  q.limit = r.limit;
  q.cursor = r.cursor;
  return d_.invitations.ListPending(actor.company_id, q);
}

namespace {

Error CooldownError(Time available_at, Time now) {
  Error e{ErrorKind::kRateLimited,
          "resend_cooldown",
          "This invitation was resent less than 24 hours ago.",
          {},
          {}};
  e.details = {{"resend_available_at", FormatRfc3339(available_at)},
               {"retry_after", std::to_string((available_at - now).count())}};
  return e;
}

}  // namespace

Result<Invitation> InvitationService::Resend(const Actor& actor, const std::string& id) {
  auto inv = d_.invitations.Get(actor.company_id, id);
  if (!inv) return Fail(inv.error());
  if (inv->status != InvitationStatus::kPending) {
    return Fail(ErrorKind::kNotFound, "not_found", "No such pending invitation.");
  }
  const Time now = d_.clock.Now();
  if (!CanResend(*inv, now)) return Fail(CooldownError(ResendAvailableAt(*inv, now), now));
  auto recorded = d_.invitations.RecordResend(actor.company_id, id, inv->last_resend_at,
                                              MessageFor(*inv, MessageKind::kResend, now),
                                              Audit(actor, "invitation.resent", id, now));
  if (!recorded) {
    if (recorded.error().code != "resend_cooldown") return Fail(recorded.error());
    return Fail(CooldownError(now + kResendCooldown, now));  // a concurrent resend won
  }
  return d_.invitations.Get(actor.company_id, id);
}

Result<Invitation> InvitationService::Edit(const Actor& actor, const std::string& id,
                                           const InvitationPatch& patch) {
  auto inv = d_.invitations.Get(actor.company_id, id);
  if (!inv) return Fail(inv.error());
  if (inv->status != InvitationStatus::kPending) {
    return Fail(ErrorKind::kNotFound, "not_found", "No such pending invitation.");
  }
  auto company = d_.companies.Get(actor.company_id);
  if (!company) return Fail(company.error());
  const InviteForm form = ApplyPatch(inv->user, patch);
  auto ctx = ContextFor(*company, form, inv->user.id);
  if (!ctx) return Fail(ctx.error());
  auto user = ValidateInviteForm(form, *ctx);
  if (!user) return Fail(user.error());

  const Time now = d_.clock.Now();
  Invitation updated = *inv;
  const directory::User before = inv->user;
  updated.user.first_name = user->first_name;
  updated.user.last_name = user->last_name;
  updated.user.email = user->email;
  updated.user.phone = user->phone;
  updated.user.job_position = user->job_position;
  updated.user.external_id = user->external_id;
  updated.user.role = user->role;
  updated.user.language = user->language;
  updated.user.store_ids = user->store_ids;
  updated.user.user_group_ids = user->user_group_ids;
  updated.channel = ChooseChannel(updated.user);
  std::optional<NewMessage> message;
  if (ContactChanged(before, updated.user)) {
    message = MessageFor(updated, MessageKind::kInvitation, now);
    updated.last_message_at = now;
    updated.delivery = Delivery::kQueued;
  }
  USHER_RETURN_IF_ERROR(
      d_.invitations.Update(updated, message, Audit(actor, "invitation.edited", id, now)));
  return d_.invitations.Get(actor.company_id, id);
}

Status InvitationService::Revoke(const Actor& actor, const std::string& id) {
  return d_.invitations.Revoke(actor.company_id, id,
                               Audit(actor, "invitation.revoked", id, d_.clock.Now()));
}

Result<int> InvitationService::SendDueReminders(int batch) {
  const Time now = d_.clock.Now();
  std::map<std::string, std::vector<int>> schedules;  // per company, read once per run
  int queued = 0;
  bool progress = true;
  while (progress) {
    progress = false;
    auto due = d_.invitations.DueForReminder(now, batch);
    if (!due) return Fail(due.error());
    for (const Invitation& inv : *due) {
      auto it = schedules.find(inv.company_id);
      if (it == schedules.end()) {
        auto company = d_.companies.Get(inv.company_id);
        if (!company) return Fail(company.error());
        it = schedules.emplace(inv.company_id, company->settings.reminder_days).first;
      }
      AuditEntry audit{now, inv.company_id, "system", "scheduler", "", inv.id};
      auto decision = DecideReminder(inv, it->second, now);
      Result<bool> claimed;
      std::optional<NewMessage> message;
      if (!decision) {
        // No slot left before expiry (the schedule changed): stop looking at it.
        audit.action = "invitation.reminders_ended";
        claimed = d_.invitations.ClaimReminder(inv.id, static_cast<int>(it->second.size()),
                                               std::nullopt, std::nullopt, audit);
      } else {
        if (decision->send) {
          message = MessageFor(inv, MessageKind::kReminder, now);
          message->reminder_slot = decision->slot;
        }
        audit.action = message ? "invitation.reminded" : "invitation.reminder_skipped";
        claimed = d_.invitations.ClaimReminder(inv.id, decision->slot, decision->next_reminder_at,
                                               message, audit);
      }
      if (!claimed) return Fail(claimed.error());
      if (*claimed) progress = true;
      if (*claimed && message) ++queued;
    }
    if (static_cast<int>(due->size()) < batch) break;
  }
  return queued;
}

Result<int> InvitationService::EraseExpired(int batch) {
  const Time now = d_.clock.Now();
  int erased = 0;
  while (true) {
    auto ids = d_.invitations.DeleteExpired(now, batch, now);
    if (!ids) return Fail(ids.error());
    erased += static_cast<int>(ids->size());
    if (static_cast<int>(ids->size()) < batch) break;
  }
  return erased;
}

}  // namespace usher::invitation
