#include "usher/invitation/rules.h"

#include "usher/base/text.h"
#include "usher/contact/email.h"
#include "usher/contact/phone.h"
#include "usher/directory/rules.h"

namespace usher::invitation {
namespace {

using directory::CheckText;
using directory::kMaxExternalId;
using directory::kMaxJobPosition;
using directory::kMaxName;

}  // namespace

std::optional<std::string> CleanOptional(const std::optional<std::string>& s) {
  if (!s || !text::IsValidUtf8(*s)) return s;
  std::string value = text::Clean(*s);
  if (value.empty()) return std::nullopt;
  return value;
}

Result<directory::User> ValidateInviteForm(const InviteForm& form, const FormContext& ctx) {
  std::vector<FieldError> errors;
  directory::User user;

  auto first = CheckText("first_name", form.first_name, kMaxName, true, errors);
  auto last = CheckText("last_name", form.last_name, kMaxName, true, errors);
  if (first) user.first_name = *first;
  if (last) user.last_name = *last;

  const auto email_raw = CleanOptional(form.email);
  const auto phone_raw = CleanOptional(form.phone);
  if (email_raw) {
    auto email = text::IsValidUtf8(*email_raw) ? contact::NormalizeEmail(*email_raw) : std::nullopt;
    if (email) {
      user.email = email;
    } else {
      errors.push_back({"email", "invalid"});
    }
  }
  if (phone_raw) {
    auto phone = text::IsValidUtf8(*phone_raw)
                     ? contact::NormalizePhone(*phone_raw, ctx.default_region)
                     : std::nullopt;
    if (phone) {
      user.phone = phone;
    } else {
      errors.push_back({"phone", "invalid"});
    }
  }
  if (!email_raw && !phone_raw) errors.push_back({"email", "email_or_phone_required"});

  if (form.job_position) {
    user.job_position =
        CheckText("job_position", *form.job_position, kMaxJobPosition, false, errors);
  }
  if (form.external_id) {
    user.external_id = CheckText("external_id", *form.external_id, kMaxExternalId, false, errors);
    if (user.external_id && ctx.external_id_taken) errors.push_back({"external_id", "taken"});
  }

  const auto role = directory::ParseRole(form.role.value_or("user"));
  if (role) {
    user.role = *role;
  } else {
    errors.push_back({"role", "invalid"});
  }

  user.store_ids = directory::SortedUnique(form.store_ids);
  user.user_group_ids = directory::SortedUnique(form.user_group_ids);
  directory::CheckMembership(role.value_or(directory::Role::kUser), user.store_ids,
                             user.user_group_ids, ctx.known_store_ids, ctx.known_group_ids, errors);

  if (!form.agreement_accepted) errors.push_back({"agreement_accepted", "agreement_required"});

  const std::string language = form.language.value_or("");
  if (ctx.languages != nullptr && ctx.languages->Supports(language)) {
    user.language = language;
  } else {
    errors.push_back({"language", "unsupported_language"});
  }

  if (!errors.empty()) return Fail(ValidationError(std::move(errors)));
  return user;
}

Channel ChooseChannel(const directory::User& user) {
  return user.email ? Channel::kEmail : Channel::kSms;
}

std::string Recipient(const directory::User& user, Channel channel) {
  return channel == Channel::kEmail ? user.email.value_or("") : user.phone.value_or("");
}

Time ExpiresAt(Time invited_at, int validity_days) { return invited_at + validity_days * kDay; }

Marker MarkerAt(Time expires_at, Time now) {
  const auto left = expires_at - now;
  if (left <= 3 * kDay) return Marker::kRed;
  if (left <= 7 * kDay) return Marker::kYellow;
  return Marker::kNone;
}

int DaysLeft(Time expires_at, Time now) {
  const auto left = expires_at - now;
  if (left <= Seconds{0}) return 0;
  return static_cast<int>((left + kDay - Seconds{1}) / kDay);
}

ExpiryRange ExpiryRangeOf(Marker m, Time now) {
  switch (m) {
    case Marker::kRed:
      return {std::nullopt, now + 3 * kDay};
    case Marker::kYellow:
      return {now + 3 * kDay, now + 7 * kDay};
    case Marker::kNone:
      return {now + 7 * kDay, std::nullopt};
  }
  return {};
}

bool CanResend(const Invitation& inv, Time now) {
  return !inv.last_resend_at || now >= *inv.last_resend_at + kResendCooldown;
}

Time ResendAvailableAt(const Invitation& inv, Time now) {
  return CanResend(inv, now) ? now : *inv.last_resend_at + kResendCooldown;
}

Time SlotDueAt(const std::vector<int>& days, Time invited_at, int slot) {
  return invited_at + days.at(static_cast<size_t>(slot)) * kDay;
}

std::optional<Time> NextReminderAt(const std::vector<int>& days, Time invited_at, int handled_slot,
                                   Time expires_at) {
  for (int slot = handled_slot + 1; slot < static_cast<int>(days.size()); ++slot) {
    const Time due = SlotDueAt(days, invited_at, slot);
    if (due < expires_at) return due;
  }
  return std::nullopt;
}

std::optional<ReminderDecision> DecideReminder(const Invitation& inv, const std::vector<int>& days,
                                               Time now) {
  if (inv.status != InvitationStatus::kPending || now >= inv.expires_at) return std::nullopt;
  int latest = -1;
  for (int slot = 0; slot < static_cast<int>(days.size()); ++slot) {
    const Time due = SlotDueAt(days, inv.invited_at, slot);
    if (due <= now && due < inv.expires_at) latest = slot;
  }
  if (latest <= inv.reminder_slot) return std::nullopt;
  const Time due = SlotDueAt(days, inv.invited_at, latest);
  ReminderDecision d;
  d.slot = latest;
  d.send = !(inv.last_message_at && *inv.last_message_at > due - kDay);
  d.next_reminder_at = NextReminderAt(days, inv.invited_at, latest, inv.expires_at);
  d.days_left = DaysLeft(inv.expires_at, now);
  return d;
}

bool IsExpired(const Invitation& inv, Time now) {
  return inv.status == InvitationStatus::kPending && now >= inv.expires_at;
}

const char* ToString(Onboarding o) {
  switch (o) {
    case Onboarding::kSelectLanguage:
      return "select_language";
    case Onboarding::kBlockedNoStore:
      return "blocked_no_store";
    case Onboarding::kReady:
      return "ready";
  }
  return "select_language";
}

Onboarding OnboardingOf(const directory::User& user) {
  if (!user.language_confirmed) return Onboarding::kSelectLanguage;
  if (user.role == directory::Role::kManager && user.store_ids.empty()) {
    return Onboarding::kBlockedNoStore;
  }
  return Onboarding::kReady;
}

InviteForm ApplyPatch(const directory::User& current, const InvitationPatch& patch) {
  InviteForm f;
  f.first_name = patch.first_name.value_or(current.first_name);
  f.last_name = patch.last_name.value_or(current.last_name);
  f.email = patch.email.value_or(current.email);
  f.phone = patch.phone.value_or(current.phone);
  f.job_position = patch.job_position.value_or(current.job_position);
  f.external_id = patch.external_id.value_or(current.external_id);
  f.role = patch.role.value_or(directory::ToString(current.role));
  f.store_ids = patch.store_ids.value_or(current.store_ids);
  f.user_group_ids = patch.user_group_ids.value_or(current.user_group_ids);
  f.agreement_accepted = true;
  f.language = patch.language.value_or(current.language);
  return f;
}

bool ContactChanged(const directory::User& before, const directory::User& after) {
  return before.email != after.email || before.phone != after.phone;
}

}  // namespace usher::invitation
