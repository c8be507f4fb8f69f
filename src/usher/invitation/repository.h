// Persistence of invitations. Each method that changes state is one transaction: it
// either does all it says or nothing. Scoped to a company where it takes one (R15).
// Thread-safe; kUnavailable when the database fails.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "usher/base/result.h"
#include "usher/directory/repository.h"
#include "usher/invitation/invitation.h"

namespace usher::invitation {

// A filter on the pending invitations of a company (R5). Marker filters are expressed as a
// range of expires_at, computed by ExpiryRange() in rules.h.
struct ListQuery {
  std::optional<Time> expires_after;         // expires_at > this
  std::optional<Time> expires_at_or_before;  // expires_at <= this
  std::optional<directory::Role> role;
  std::string store_id;       // "" = any
  std::string user_group_id;  // "" = any
  std::string q;              // case-insensitive substring of first/last name, e-mail,
                              // phone, external id; "" = all
  SortOrder sort = SortOrder::kExpiresAt;
  int limit = 50;      // 1..200
  std::string cursor;  // opaque, from a previous page; "" = first page
};

// One invitation to store with what goes with it (see Create).
struct NewInvitation {
  Invitation invitation;
  NewMessage message;
  AuditEntry audit;
};

class InvitationRepository {
 public:
  virtual ~InvitationRepository() = default;

  // Stores inv.user (status invited, with its store and group links), the invitation, the
  // queued message and the audit entry, all in one transaction (R4).
  // kConflict "already_invited" (detail invitation_id) / "already_registered" when the
  // e-mail (case-insensitive) or phone is already a user of the company (R3);
  // kConflict "taken" with field external_id for a duplicate external id.
  virtual Status Create(const Invitation& inv, const NewMessage& message,
                        const AuditEntry& audit) = 0;
  // Bulk (R17): each as Create, all in one transaction; per invitation Ok or the error
  // Create would give (the others are stored all the same).
  virtual Result<std::vector<Status>> CreateMany(const std::vector<NewInvitation>& batch) = 0;
  // Bulk (R17): what Create would refuse of each user now (R3 conflicts, external id
  // taken), without storing anything: per user Ok or that error.
  virtual Result<std::vector<Status>> CheckConflicts(const std::vector<directory::User>& users) = 0;

  // Any invitation of the company that still exists (pending or accepted).
  // kNotFound "not_found" when unknown, erased, revoked or another company's.
  virtual Result<Invitation> Get(const std::string& company_id, const std::string& id) = 0;

  // Pending invitations of the company, filtered, sorted and paginated (R5).
  // kInvalid "invalid_cursor" for a cursor this method did not make.
  virtual Result<directory::Page<Invitation>> ListPending(const std::string& company_id,
                                                          const ListQuery& query) = 0;

  // R6: records a resend at `message.created_at` (last_resend_at, resend_count,
  // last_message_at) and queues the message, only when the invitation is still pending
  // and its last_resend_at is still `expected_last_resend_at` (so two concurrent resends
  // cannot both pass the cooldown). kNotFound when not pending; kConflict
  // "resend_cooldown" when last_resend_at changed meanwhile.
  virtual Status RecordResend(const std::string& company_id, const std::string& id,
                              const std::optional<Time>& expected_last_resend_at,
                              const NewMessage& message, const AuditEntry& audit) = 0;

  // Pending invitations whose next_reminder_at <= now, soonest first, at most `limit`.
  virtual Result<std::vector<Invitation>> DueForReminder(Time now, int limit) = 0;

  // R7: marks reminder `slot` handled (reminder_slot = slot, next_reminder_at =
  // `next_reminder_at`), writes the audit entry and, when `message` is given, queues it
  // (reminders_sent + 1, last_message_at). Only when the invitation is pending and its
  // reminder_slot < slot: otherwise changes nothing and returns false (another worker
  // handled it). Returns true when this call handled the slot.
  virtual Result<bool> ClaimReminder(const std::string& invitation_id, int slot,
                                     std::optional<Time> next_reminder_at,
                                     const std::optional<NewMessage>& message,
                                     const AuditEntry& audit) = 0;

  // R14: replaces the user's name, e-mail, phone, job position, external id, role,
  // language, stores and groups and the invitation's channel. When `message` is given
  // (the e-mail or phone changed) every token of the invitation is deleted and the
  // message queued. Same conflicts as Create; kNotFound when not pending.
  virtual Status Update(const Invitation& updated, const std::optional<NewMessage>& message,
                        const AuditEntry& audit) = 0;

  // R14: deletes the pending invitation with its user, tokens and messages (as R8) and
  // writes the audit entry. kNotFound when not pending or another company's.
  virtual Status Revoke(const std::string& company_id, const std::string& id,
                        const AuditEntry& audit) = 0;

  // R8: ids of pending invitations with expires_at <= cutoff, oldest first, at most `limit`.
  virtual Result<std::vector<std::string>> ListExpired(Time cutoff, int limit) = 0;
  // R8: in one transaction, deletes up to `limit` pending invitations with expires_at <=
  // cutoff together with their users, links, tokens, messages and attempts; writes an
  // audit entry "invitation.expired" per invitation (actor system) and adds them to the
  // anonymous per-company daily count of `now`. Returns the erased invitation ids.
  virtual Result<std::vector<std::string>> DeleteExpired(Time cutoff, int limit, Time now) = 0;
  // The anonymous count of erased invitations of a company on a UTC day ("2026-11-26").
  virtual Result<long long> ErasedCount(const std::string& company_id, const std::string& day) = 0;

  // R10: stores the hash of a token minted for a message of the invitation.
  virtual Status AddToken(const std::string& invitation_id, const std::string& token_hash,
                          Time created_at) = 0;
  // The pending invitation whose token has this hash; kNotFound "invalid_link" otherwise.
  virtual Result<Invitation> FindByTokenHash(const std::string& token_hash) = 0;
  // R10: the user becomes active with this password hash and language, the invitation
  // accepted, all its tokens deleted, the audit entry written. kNotFound "invalid_link"
  // when the invitation is no longer pending.
  virtual Status Accept(const std::string& invitation_id, const std::string& password_hash,
                        const std::string& language, Time now, const AuditEntry& audit) = 0;

  // How many invitations there are, by status ("pending", "accepted"), over all companies;
  // and how many outbox messages, by status ("queued", "sending", "sent", "failed").
  virtual Result<std::map<std::string, long long>> CountByStatus() = 0;
  virtual Result<std::map<std::string, long long>> CountOutboxByStatus() = 0;

  // Audit entries of one invitation, oldest first (R16).
  virtual Result<std::vector<AuditEntry>> AuditTrail(const std::string& invitation_id) = 0;
};

}  // namespace usher::invitation
