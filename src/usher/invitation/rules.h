// The invitation rules of SPEC R1-R8, R13, R14 as pure functions of their inputs and `now`.
// No I/O, no clock: the service gathers what they need and passes it in.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "usher/base/languages.h"
#include "usher/base/result.h"
#include "usher/directory/directory.h"
#include "usher/invitation/invitation.h"

namespace usher::invitation {

// The invite form as received (R1); strings are raw input, validated by ValidateInviteForm.
struct InviteForm {
  std::string first_name;
  std::string last_name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> job_position;
  std::optional<std::string> external_id;
  std::optional<std::string> role;  // "user" (default) | "manager"
  std::vector<std::string> store_ids;
  std::vector<std::string> user_group_ids;
  bool agreement_accepted = false;
  std::optional<std::string> language;
};

// What validation needs to know beyond the form.
struct FormContext {
  const Languages* languages = nullptr;
  std::string default_region;             // the company's, for phone numbers
  std::set<std::string> known_store_ids;  // those of form.store_ids that are the company's
  std::set<std::string> known_group_ids;  // those of form.user_group_ids that are the company's
  bool external_id_taken = false;         // by another user of the company
};

// R1 (+R13): every broken rule at once, as kInvalid "validation" with one FieldError per
// field. On success, the normalised person (status invited, ids and times left empty):
// names trimmed and NFC, e-mail domain lower-cased, phone in E.164, ids sorted unique.
Result<directory::User> ValidateInviteForm(const InviteForm& form, const FormContext& ctx);

// The trimmed form of an optional text field; nullopt when absent or blank.
std::optional<std::string> CleanOptional(const std::optional<std::string>& s);

// R2: e-mail when the user has an address, else SMS.
Channel ChooseChannel(const directory::User& user);
// The address or phone number the channel delivers to.
std::string Recipient(const directory::User& user, Channel channel);

// R4: the end of an invitation's life.
Time ExpiresAt(Time invited_at, int validity_days);

// R5: red when expires_at - now <= 3 days, else yellow when <= 7 days, else none.
Marker MarkerAt(Time expires_at, Time now);
// R5: whole days left, rounded up; 0 once expired.
int DaysLeft(Time expires_at, Time now);
// R5: the expires_at range (after, at_or_before] that has marker `m` at `now`.
struct ExpiryRange {
  std::optional<Time> after;
  std::optional<Time> at_or_before;
};
ExpiryRange ExpiryRangeOf(Marker m, Time now);

// R6: resend is available when never resent or the last resend is >= 24 h ago.
inline constexpr Seconds kResendCooldown = kDay;
bool CanResend(const Invitation& inv, Time now);
// R6: `now` when available now, else last resend + 24 h.
Time ResendAvailableAt(const Invitation& inv, Time now);

// R7: when reminder `slot` (index into `days`) of an invitation falls due.
Time SlotDueAt(const std::vector<int>& days, Time invited_at, int slot);
// R7: when the first slot after `handled_slot` falls due, if it falls before expires_at.
std::optional<Time> NextReminderAt(const std::vector<int>& days, Time invited_at, int handled_slot,
                                   Time expires_at);

// R7: what to do about reminders now: handle the latest due slot (only it, after downtime),
// and send it unless another message went out less than 24 h before it fell due (or since).
struct ReminderDecision {
  int slot = -1;
  bool send = false;
  std::optional<Time> next_reminder_at;  // for the slot after this one
  int days_left = 0;                     // for the message text
};
std::optional<ReminderDecision> DecideReminder(const Invitation& inv, const std::vector<int>& days,
                                               Time now);

// R8: a pending invitation whose expires_at has passed.
bool IsExpired(const Invitation& inv, Time now);

// R13: the app's onboarding state after login.
enum class Onboarding { kSelectLanguage, kBlockedNoStore, kReady };
const char* ToString(Onboarding o);
Onboarding OnboardingOf(const directory::User& user);

// R14: a correction of a pending invitation; absent fields stay as they are. For the
// nullable fields, an inner nullopt clears the value.
struct InvitationPatch {
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::optional<std::string>> email;
  std::optional<std::optional<std::string>> phone;
  std::optional<std::optional<std::string>> job_position;
  std::optional<std::optional<std::string>> external_id;
  std::optional<std::string> role;
  std::optional<std::vector<std::string>> store_ids;
  std::optional<std::vector<std::string>> user_group_ids;
  std::optional<std::string> language;
};
// R14: the invite form of `current` with `patch` applied (the agreement stays accepted).
InviteForm ApplyPatch(const directory::User& current, const InvitationPatch& patch);
// R14: true when the e-mail or phone the invitation is delivered to changed, so old links
// stop and a new invitation message goes to the new address.
bool ContactChanged(const directory::User& before, const directory::User& after);

}  // namespace usher::invitation
