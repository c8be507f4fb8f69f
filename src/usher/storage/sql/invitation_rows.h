// Reading and writing invitation rows and what accompanies them (outbox messages, audit
// entries, daily counts, erasure), for SqlInvitationRepository. Functions throw SOCI
// exceptions and expect to run inside the caller's transaction.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "usher/invitation/invitation.h"
#include "usher/storage/sql/sql_util.h"
#include "usher/storage/sql/user_rows.h"

namespace usher::storage::sql {

// Runs "SELECT <invitation and user columns> <from> <tail>" with the parameters `bind`
// adds; loads the users' store/group links. `from` names the invitation `i` and its user `u`.
std::vector<invitation::Invitation> SelectInvitations(
    soci::session& sql, const std::string& tail, const std::function<void(soci::statement&)>& bind,
    const std::string& from = "FROM invitations i JOIN users u ON u.id = i.user_id ");

// Inserts the invitation row (status pending, delivery queued); last_message_at defaults to
// `queued_at`.
void InsertInvitation(soci::session& sql, const invitation::Invitation& inv, Time queued_at);
// Queues the message in the outbox (status queued, next_attempt_at = created_at).
void InsertMessage(soci::session& sql, const std::string& company_id,
                   const std::string& invitation_id, const invitation::NewMessage& m);
// InsertMessage, and marks the invitation's delivery state queued.
void QueueMessage(soci::session& sql, const std::string& company_id,
                  const std::string& invitation_id, const invitation::NewMessage& m);
void InsertAudit(soci::session& sql, const invitation::AuditEntry& a);

enum class DailyStat { kInvited, kAccepted, kRevoked, kErased };
// daily_stats[company, day].stat += n (upsert).
void AddDailyStat(soci::session& sql, const std::string& company_id, const std::string& day,
                  DailyStat stat, long long n);

// The user id of pending invitation `id` (of `company_id` when given); nullopt when none.
std::optional<std::string> PendingUserId(soci::session& sql, const std::string& id,
                                         const std::optional<std::string>& company_id);

// Deletes invitations with their users, links, tokens, messages and attempts (R8), with
// statements prepared once per batch. Must not outlive the session; not movable.
class Eraser {
 public:
  explicit Eraser(soci::session& sql);
  Eraser(const Eraser&) = delete;
  Eraser& operator=(const Eraser&) = delete;
  void Erase(const std::string& invitation_id, const std::string& user_id);

 private:
  std::string invitation_id_;
  std::string user_id_;
  std::vector<soci::statement> statements_;
};

}  // namespace usher::storage::sql
