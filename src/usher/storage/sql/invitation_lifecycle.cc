// Expiry and erasure (R8), tokens and acceptance (R10) and the audit trail (R16) of
// SqlInvitationRepository.
#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <thread>

#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/invitation_repository.h"
#include "usher/storage/sql/invitation_rows.h"
#include "usher/storage/sql/sql_util.h"

namespace usher::storage::sql {

using invitation::AuditEntry;
using invitation::Invitation;

namespace {

Error InvalidLink() {
  return Error{ErrorKind::kNotFound, "invalid_link", "The link is not valid any more.", {}, {}};
}

}  // namespace

Result<std::vector<std::string>> SqlInvitationRepository::ListExpired(Time cutoff, int limit) {
  if (limit <= 0) return std::vector<std::string>();
  const long long cutoff_unix = ToUnix(cutoff);
  const long long max_rows = limit;
  return db_.Read([&](soci::session& sql) -> Result<std::vector<std::string>> {
    std::string id;
    soci::statement st =
        (sql.prepare << "SELECT id FROM invitations WHERE status = 'pending' AND "
                        "expires_at <= :cutoff ORDER BY expires_at, id LIMIT :limit",
         soci::use(cutoff_unix, "cutoff"), soci::use(max_rows, "limit"), soci::into(id));
    st.execute();
    std::vector<std::string> ids;
    while (st.fetch()) ids.push_back(id);
    return ids;
  });
}

namespace {

// DeleteExpired erases in transactions of a few invitations at a time, sized from the last
// one's time so that each holds SQLite's write lock for about kEraseBatchTime: requests
// interleave with a long erasure instead of waiting for it (an invitation with its whole
// history costs a few milliseconds: its rows sit on pages no other one shares). Between
// transactions it pauses kErasePause, for writers of other processes (which try again
// every millisecond) to get their turn; within one process, writers queue in Write.
constexpr auto kEraseBatchTime = std::chrono::milliseconds(25);
constexpr auto kErasePause = std::chrono::milliseconds(1);
constexpr long long kFirstEraseBatch = 10, kMaxEraseBatch = 500;
// How often a long erasure empties the WAL on its way. While readers keep taking
// snapshots, SQLite's automatic checkpoints never find the WAL free to start over, and it
// grew past a gigabyte in one erasure (each read then searches a larger WAL index);
// emptying it every ten seconds also keeps the erased bytes there for seconds only (R8).
constexpr auto kCheckpointEvery = std::chrono::seconds(10);

long long SteadyNow() { return std::chrono::steady_clock::now().time_since_epoch().count(); }

// Erases the expired invitations `ids` (of users `user_ids`) with everything that carries
// their personal data (R8), one statement per table for the whole batch, and records the
// "invitation.expired" audit entries at `now`. Runs inside the caller's transaction.
void EraseBatch(soci::session& sql, const std::vector<std::string>& ids,
                const std::vector<std::string>& user_ids, Time now) {
  const std::string invitations = "(" + Placeholders("i", ids.size()) + ")";
  const std::string users = "(" + Placeholders("u", user_ids.size()) + ")";
  const long long at = ToUnix(now);
  const auto run = [&](const std::string& query, bool by_invitation, bool with_time) {
    soci::statement st(sql);
    BindList(st, by_invitation ? "i" : "u", by_invitation ? ids : user_ids);
    if (with_time) st.exchange(soci::use(at, "at"));
    Prepare(st, query);
    st.execute(true);
  };
  run("INSERT INTO audit_log (at, company_id, actor_type, actor_id, action, invitation_id) "
      "SELECT CAST(:at AS BIGINT), company_id, 'system', 'scheduler', 'invitation.expired', id "
      "FROM invitations WHERE id IN " +
          invitations + " ORDER BY expires_at, id",
      true, true);
  run("DELETE FROM outbox_attempts WHERE message_id IN "
      "(SELECT id FROM outbox_messages WHERE invitation_id IN " +
          invitations + ")",
      true, false);
  run("DELETE FROM outbox_messages WHERE invitation_id IN " + invitations, true, false);
  run("DELETE FROM invitation_tokens WHERE invitation_id IN " + invitations, true, false);
  run("DELETE FROM invitations WHERE id IN " + invitations, true, false);
  run("DELETE FROM user_stores WHERE user_id IN " + users, false, false);
  run("DELETE FROM user_user_groups WHERE user_id IN " + users, false, false);
  run("DELETE FROM users WHERE id IN " + users, false, false);
}

}  // namespace

Result<std::vector<std::string>> SqlInvitationRepository::DeleteExpired(Time cutoff, int limit,
                                                                        Time now) {
  if (limit <= 0) return std::vector<std::string>();
  const long long cutoff_unix = ToUnix(cutoff);
  std::vector<std::string> erased;
  std::optional<Error> failure;
  long long batch_size = kFirstEraseBatch;
  while (static_cast<int>(erased.size()) < limit) {
    const long long max_rows =
        std::min(batch_size, static_cast<long long>(limit) - static_cast<long long>(erased.size()));
    const auto started = std::chrono::steady_clock::now();
    auto batch = db_.Write([&](soci::session& sql) -> Result<std::vector<std::string>> {
      WriteTransaction tx(sql);
      std::vector<std::string> ids, user_ids;
      std::map<std::string, long long> per_company;
      {
        std::string id, user_id, company_id;
        soci::statement st =
            (sql.prepare << "SELECT id, user_id, company_id FROM invitations WHERE "
                            "status = 'pending' AND expires_at <= :cutoff "
                            "ORDER BY expires_at, id LIMIT :limit",
             soci::use(cutoff_unix, "cutoff"), soci::use(max_rows, "limit"), soci::into(id),
             soci::into(user_id), soci::into(company_id));
        st.execute();
        while (st.fetch()) {
          ids.push_back(id);
          user_ids.push_back(user_id);
          ++per_company[company_id];
        }
      }
      if (ids.empty()) return ids;
      EraseBatch(sql, ids, user_ids, now);
      const std::string day = FormatDay(now);
      for (const auto& [company_id, n] : per_company) {
        AddDailyStat(sql, company_id, day, DailyStat::kErased, n);
      }
      tx.commit();
      return ids;
    });
    if (!batch) {
      failure = batch.error();
      break;
    }
    erased.insert(erased.end(), batch->begin(), batch->end());
    if (static_cast<long long>(batch->size()) < max_rows) break;
    const auto took = std::max(std::chrono::steady_clock::now() - started,
                               std::chrono::steady_clock::duration(std::chrono::microseconds(100)));
    batch_size = std::clamp<long long>(max_rows * kEraseBatchTime / took, 1, kMaxEraseBatch);
    if (SteadyNow() - checkpointed_at_ > std::chrono::nanoseconds(kCheckpointEvery).count()) {
      checkpointed_at_ = SteadyNow();
      (void)db_.CheckpointWal();  // best effort, as below
    }
    std::this_thread::sleep_for(kErasePause);
  }
  // The WAL is emptied once the expired invitations are all gone (a call that finds fewer
  // than its limit), not after every call of a long erasure: the erased bytes stay in it
  // for seconds, and the erasure writes each page back once instead of once per call.
  // Best effort: a failed checkpoint leaves the bytes to the next one; the erasure stands.
  if (!erased.empty()) erased_since_checkpoint_ = true;
  const bool run_over = failure || static_cast<int>(erased.size()) < limit;
  if (run_over && erased_since_checkpoint_.exchange(false)) {
    checkpointed_at_ = SteadyNow();
    (void)db_.CheckpointWal();
  }
  if (failure) return Fail(*failure);
  return erased;
}

Result<long long> SqlInvitationRepository::ErasedCount(const std::string& company_id,
                                                       const std::string& day) {
  return db_.Read([&](soci::session& sql) -> Result<long long> {
    long long erased = 0;
    sql << "SELECT erased FROM daily_stats WHERE company_id = :company_id AND day = :day",
        soci::use(company_id, "company_id"), soci::use(day, "day"), soci::into(erased);
    return sql.got_data() ? erased : 0;
  });
}

Status SqlInvitationRepository::AddToken(const std::string& invitation_id,
                                         const std::string& token_hash, Time created_at) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    if (!PendingUserId(sql, invitation_id, std::nullopt)) {
      return Fail(ErrorKind::kNotFound, "not_found", "No such pending invitation.");
    }
    const long long at = ToUnix(created_at);
    sql << "INSERT INTO invitation_tokens (hash, invitation_id, created_at) "
           "VALUES (:hash, :invitation_id, :created_at)",
        soci::use(token_hash, "hash"), soci::use(invitation_id, "invitation_id"),
        soci::use(at, "created_at");
    tx.commit();
    return Ok();
  });
}

Result<Invitation> SqlInvitationRepository::FindByTokenHash(const std::string& token_hash) {
  return db_.Read([&](soci::session& sql) -> Result<Invitation> {
    soci::transaction tx(sql);
    auto found =
        SelectInvitations(sql,
                          "JOIN invitation_tokens t ON t.invitation_id = i.id "
                          "WHERE t.hash = :hash AND i.status = 'pending'",
                          [&](soci::statement& st) { st.exchange(soci::use(token_hash, "hash")); });
    if (found.empty()) return Fail(InvalidLink());
    return std::move(found.front());
  });
}

Status SqlInvitationRepository::Accept(const std::string& invitation_id,
                                       const std::string& password_hash,
                                       const std::string& language, Time now,
                                       const AuditEntry& audit) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    std::string user_id, company_id;
    sql << "SELECT user_id, company_id FROM invitations WHERE id = :id AND status = 'pending'",
        soci::use(invitation_id, "id"), soci::into(user_id), soci::into(company_id);
    if (!sql.got_data()) return Fail(InvalidLink());
    const long long at = ToUnix(now);
    sql << "UPDATE invitations SET status = 'accepted', accepted_at = :at, "
           "next_reminder_at = NULL WHERE id = :id",
        soci::use(at, "at"), soci::use(invitation_id, "id");
    sql << "UPDATE users SET status = 'active', password_hash = :password_hash, "
           "language = :language, activated_at = :at WHERE id = :id",
        soci::use(password_hash, "password_hash"), soci::use(language, "language"),
        soci::use(at, "at"), soci::use(user_id, "id");
    sql << "DELETE FROM invitation_tokens WHERE invitation_id = :id",
        soci::use(invitation_id, "id");
    // R7: nothing more is sent once accepted.
    sql << "DELETE FROM outbox_messages WHERE invitation_id = :id AND status = 'queued'",
        soci::use(invitation_id, "id");
    InsertAudit(sql, audit);
    AddDailyStat(sql, company_id, FormatDay(now), DailyStat::kAccepted, 1);
    tx.commit();
    return Ok();
  });
}

Result<std::vector<AuditEntry>> SqlInvitationRepository::AuditTrail(
    const std::string& invitation_id) {
  return db_.Read([&](soci::session& sql) -> Result<std::vector<AuditEntry>> {
    long long at = 0;
    AuditEntry row;
    Nullable<std::string> row_invitation_id;
    soci::statement st =
        (sql.prepare << "SELECT at, company_id, actor_type, actor_id, action, invitation_id "
                        "FROM audit_log WHERE invitation_id = :id ORDER BY at, id",
         soci::use(invitation_id, "id"), soci::into(at), soci::into(row.company_id),
         soci::into(row.actor_type), soci::into(row.actor_id), soci::into(row.action),
         Into(row_invitation_id));
    st.execute();
    std::vector<AuditEntry> entries;
    while (st.fetch()) {
      row.at = FromUnix(at);
      row.invitation_id = row_invitation_id.get().value_or("");
      entries.push_back(row);
    }
    return entries;
  });
}

namespace {

// Counts rows of `table` grouped by its status column; every status in `known` appears,
// with 0 when no row has it.
std::map<std::string, long long> CountStatuses(soci::session& sql, const std::string& table,
                                               std::initializer_list<const char*> known) {
  std::map<std::string, long long> counts;
  for (const char* status : known) counts[status] = 0;
  std::string status;
  long long n = 0;
  soci::statement st = (sql.prepare << "SELECT status, COUNT(*) FROM " + table + " GROUP BY status",
                        soci::into(status), soci::into(n));
  st.execute();
  while (st.fetch()) counts[status] = n;
  return counts;
}

}  // namespace

Result<std::map<std::string, long long>> SqlInvitationRepository::CountByStatus() {
  return db_.Read([&](soci::session& sql) -> Result<std::map<std::string, long long>> {
    return CountStatuses(sql, "invitations", {"pending", "accepted"});
  });
}

Result<std::map<std::string, long long>> SqlInvitationRepository::CountOutboxByStatus() {
  return db_.Read([&](soci::session& sql) -> Result<std::map<std::string, long long>> {
    return CountStatuses(sql, "outbox_messages", {"queued", "sending", "sent", "failed"});
  });
}

}  // namespace usher::storage::sql
