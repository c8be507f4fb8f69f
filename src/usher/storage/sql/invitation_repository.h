// InvitationRepository over the SQLite database (see usher/invitation/repository.h for the
// contract). Erasing calls checkpoint the WAL so that erased personal data does not stay
// in the -wal file (R8): Revoke afterwards, DeleteExpired when a run of calls ends (one
// finds fewer than its limit). Thread-safe through Database.
#pragma once

#include <atomic>

#include "usher/invitation/repository.h"
#include "usher/storage/sql/database.h"

namespace usher::storage::sql {

// Implemented in invitation_repository.cc (create, read, list), invitation_changes.cc
// (resend, reminders, update, revoke) and invitation_lifecycle.cc (expiry, tokens, accept,
// audit).
class SqlInvitationRepository final : public invitation::InvitationRepository {
 public:
  // `db` must outlive this object.
  explicit SqlInvitationRepository(Database& db) : db_(db) {}

  // Also counts the invitation in daily_stats.invited. kInvalid "validation" for a store or
  // group id that is not the company's.
  Status Create(const invitation::Invitation& inv, const invitation::NewMessage& message,
                const invitation::AuditEntry& audit) override;
  Result<std::vector<Status>> CreateMany(
      const std::vector<invitation::NewInvitation>& batch) override;
  Result<std::vector<Status>> CheckConflicts(const std::vector<directory::User>& users) override;
  Result<invitation::Invitation> Get(const std::string& company_id, const std::string& id) override;
  Result<directory::Page<invitation::Invitation>> ListPending(
      const std::string& company_id, const invitation::ListQuery& query) override;
  Status RecordResend(const std::string& company_id, const std::string& id,
                      const std::optional<Time>& expected_last_resend_at,
                      const invitation::NewMessage& message,
                      const invitation::AuditEntry& audit) override;
  Result<std::vector<invitation::Invitation>> DueForReminder(Time now, int limit) override;
  Result<bool> ClaimReminder(const std::string& invitation_id, int slot,
                             std::optional<Time> next_reminder_at,
                             const std::optional<invitation::NewMessage>& message,
                             const invitation::AuditEntry& audit) override;
  // With a message, also drops the invitation's still-queued messages (they would send a
  // working link to the old address).
  Status Update(const invitation::Invitation& updated,
                const std::optional<invitation::NewMessage>& message,
                const invitation::AuditEntry& audit) override;
  // Also counts the revocation in daily_stats.revoked (day of audit.at).
  Status Revoke(const std::string& company_id, const std::string& id,
                const invitation::AuditEntry& audit) override;
  Result<std::vector<std::string>> ListExpired(Time cutoff, int limit) override;
  Result<std::vector<std::string>> DeleteExpired(Time cutoff, int limit, Time now) override;
  Result<long long> ErasedCount(const std::string& company_id, const std::string& day) override;
  // kNotFound "not_found" when the invitation is not pending.
  Status AddToken(const std::string& invitation_id, const std::string& token_hash,
                  Time created_at) override;
  Result<invitation::Invitation> FindByTokenHash(const std::string& token_hash) override;
  // Also counts the acceptance in daily_stats.accepted (day of `now`).
  Status Accept(const std::string& invitation_id, const std::string& password_hash,
                const std::string& language, Time now,
                const invitation::AuditEntry& audit) override;
  Result<std::map<std::string, long long>> CountByStatus() override;
  Result<std::map<std::string, long long>> CountOutboxByStatus() override;
  Result<std::vector<invitation::AuditEntry>> AuditTrail(const std::string& invitation_id) override;

 private:
  Database& db_;
  // Invitations were erased since the WAL was last emptied (DeleteExpired empties it when
  // a run of calls ends, i.e. a call finds fewer than its limit).
  std::atomic<bool> erased_since_checkpoint_{false};
  // When DeleteExpired last emptied the WAL (steady clock, nanoseconds).
  std::atomic<long long> checkpointed_at_{0};
};

}  // namespace usher::storage::sql
