// The pending invitation of one invited user, and the messages and audit entries that
// accompany its changes (SPEC R4-R8, R10, R14, R16).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "usher/base/time.h"
#include "usher/directory/directory.h"

namespace usher::invitation {

enum class InvitationStatus { kPending, kAccepted, kRevoked };
enum class Channel { kEmail, kSms };
enum class Marker { kNone, kYellow, kRed };
// Delivery state of the latest message (API: queued | sent | retrying | failed).
enum class Delivery { kQueued, kSent, kRetrying, kFailed };
enum class MessageKind { kInvitation, kResend, kReminder };
// The order of a list of pending invitations (R5).
enum class SortOrder { kExpiresAt, kExpiresAtDesc, kInvitedAt, kInvitedAtDesc, kLastName };
// Every sort order, in the order a choice of them is offered.
inline constexpr SortOrder kSortOrders[] = {SortOrder::kExpiresAt, SortOrder::kExpiresAtDesc,
                                            SortOrder::kInvitedAt, SortOrder::kInvitedAtDesc,
                                            SortOrder::kLastName};

const char* ToString(InvitationStatus s);
const char* ToString(Channel c);
const char* ToString(Marker m);
const char* ToString(Delivery d);
const char* ToString(MessageKind k);
// The API's name of a sort order: "expires_at", "-expires_at", "invited_at",
// "-invited_at", "last_name" (a leading "-" is newest first).
const char* ToString(SortOrder o);
std::optional<Marker> ParseMarker(const std::string& s);
std::optional<Delivery> ParseDelivery(const std::string& s);
// The sort order named `s` as ToString(SortOrder) names it; nullopt for any other text.
std::optional<SortOrder> ParseSortOrder(std::string_view s);

struct Invitation {
  std::string id;
  std::string company_id;
  directory::User user;  // the invited user; user.id is the invitation's user_id
  InvitationStatus status = InvitationStatus::kPending;
  Channel channel = Channel::kEmail;
  Time invited_at;
  Time expires_at;
  std::string invited_by;  // admin id
  int agreement_version = 0;
  Time agreement_accepted_at;
  std::optional<Time> last_sent_at;     // latest message handed to its channel
  std::optional<Time> last_message_at;  // latest message queued (invite, resend, reminder)
  std::optional<Time> last_resend_at;
  int resend_count = 0;
  int reminder_slot = -1;                // highest reminder slot handled (sent or skipped)
  std::optional<Time> next_reminder_at;  // when the next slot falls due; nullopt = none left
  int reminders_sent = 0;
  Delivery delivery = Delivery::kQueued;
};

// A message to queue in the outbox, in the same transaction as its cause (R4, R11).
// The registration token is minted when the message is delivered, so no token is ever
// stored in clear; the outbox renders the text from the invitation at that time.
struct NewMessage {
  std::string id;
  MessageKind kind = MessageKind::kInvitation;
  Channel channel = Channel::kEmail;
  std::string recipient;  // e-mail address or E.164 phone (personal data)
  std::string language;
  int reminder_slot = -1;  // for reminders: which slot of the schedule
  Time created_at;
};

// An audit entry (R16): who did what to which invitation. Never personal data.
struct AuditEntry {
  Time at;
  std::string company_id;
  std::string actor_type;  // "admin" | "system" | "user"
  std::string actor_id;    // admin id, "scheduler", user id
  std::string action;      // "invitation.created", "invitation.resent", ...
  std::string invitation_id;
};

}  // namespace usher::invitation
