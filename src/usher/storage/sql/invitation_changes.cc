// RecordResend, reminders, Update and Revoke of SqlInvitationRepository.
#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/invitation_repository.h"
#include "usher/storage/sql/invitation_rows.h"
#include "usher/storage/sql/sql_util.h"
#include "usher/storage/sql/user_rows.h"

namespace usher::storage::sql {

using invitation::AuditEntry;
using invitation::Invitation;
using invitation::NewMessage;

namespace {

Error NotPending() {
  return Error{ErrorKind::kNotFound, "not_found", "No such pending invitation.", {}, {}};
}

}  // namespace

Status SqlInvitationRepository::RecordResend(const std::string& company_id, const std::string& id,
                                             const std::optional<Time>& expected_last_resend_at,
                                             const NewMessage& message, const AuditEntry& audit) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    const long long at = ToUnix(message.created_at);
    Nullable<long long> expected = NullableTime(expected_last_resend_at);
    const int expected_is_null = expected_last_resend_at ? 0 : 1;
    soci::statement st(sql);
    st.exchange(soci::use(at, "at"));
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(company_id, "company_id"));
    st.exchange(Use(expected, "expected"));
    st.exchange(soci::use(expected_is_null, "expected_is_null"));
    const long long changed = ExecuteAndCount(
        st,
        "UPDATE invitations SET last_resend_at = :at, resend_count = resend_count + 1, "
        "last_message_at = :at WHERE id = :id AND company_id = :company_id AND "
        "status = 'pending' AND (last_resend_at = :expected OR "
        "(last_resend_at IS NULL AND :expected_is_null = 1))");
    if (changed == 0) {
      if (!PendingUserId(sql, id, company_id)) return Fail(NotPending());
      return Fail(ErrorKind::kConflict, "resend_cooldown",
                  "The invitation was resent meanwhile; try again later.");
    }
    QueueMessage(sql, company_id, id, message);
    InsertAudit(sql, audit);
    tx.commit();
    return Ok();
  });
}

Result<std::vector<Invitation>> SqlInvitationRepository::DueForReminder(Time now, int limit) {
  if (limit <= 0) return std::vector<Invitation>();
  const long long now_unix = ToUnix(now);
  const long long max_rows = limit;
  return db_.Read([&](soci::session& sql) -> Result<std::vector<Invitation>> {
    soci::transaction tx(sql);
    return SelectInvitations(sql,
                             "WHERE i.status = 'pending' AND i.next_reminder_at <= :now "
                             "ORDER BY i.next_reminder_at, i.id LIMIT :limit",
                             [&](soci::statement& st) {
                               st.exchange(soci::use(now_unix, "now"));
                               st.exchange(soci::use(max_rows, "limit"));
                             });
  });
}

Result<bool> SqlInvitationRepository::ClaimReminder(const std::string& invitation_id, int slot,
                                                    std::optional<Time> next_reminder_at,
                                                    const std::optional<NewMessage>& message,
                                                    const AuditEntry& audit) {
  return db_.Write([&](soci::session& sql) -> Result<bool> {
    WriteTransaction tx(sql);
    Nullable<long long> next = NullableTime(next_reminder_at);
    const long long at = message ? ToUnix(message->created_at) : 0;
    const int sent = message ? 1 : 0;
    soci::statement st(sql);
    st.exchange(soci::use(slot, "slot"));
    st.exchange(Use(next, "next"));
    st.exchange(soci::use(sent, "sent"));
    st.exchange(soci::use(at, "at"));
    st.exchange(soci::use(invitation_id, "id"));
    const long long changed =
        ExecuteAndCount(st,
                        "UPDATE invitations SET reminder_slot = :slot, next_reminder_at = :next, "
                        "reminders_sent = reminders_sent + :sent, "
                        "last_message_at = CASE WHEN :sent = 1 THEN :at ELSE last_message_at END "
                        "WHERE id = :id AND status = 'pending' AND reminder_slot < :slot");
    if (changed == 0) return false;  // handled by another worker, or no longer pending
    if (message) {
      std::string company_id;
      sql << "SELECT company_id FROM invitations WHERE id = :id", soci::use(invitation_id, "id"),
          soci::into(company_id);
      QueueMessage(sql, company_id, invitation_id, *message);
    }
    InsertAudit(sql, audit);
    tx.commit();
    return true;
  });
}

Status SqlInvitationRepository::Update(const Invitation& updated,
                                       const std::optional<NewMessage>& message,
                                       const AuditEntry& audit) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    const auto user_id = PendingUserId(sql, updated.id, updated.company_id);
    if (!user_id) return Fail(NotPending());
    directory::User user = updated.user;
    user.id = *user_id;
    user.company_id = updated.company_id;
    if (auto conflict = ContactConflict(sql, user, user.id)) return Fail(*conflict);
    if (auto conflict = ExternalIdConflict(sql, user, user.id)) return Fail(*conflict);
    if (auto conflict = GuardUserUniqueness(sql, user, [&] { UpdateUserContact(sql, user); })) {
      return Fail(*conflict);
    }
    USHER_RETURN_IF_ERROR(
        ReplaceLinks(sql, user.company_id, user.id, user.store_ids, user.user_group_ids));
    const std::string channel = invitation::ToString(updated.channel);
    sql << "UPDATE invitations SET channel = :channel WHERE id = :id",
        soci::use(channel, "channel"), soci::use(updated.id, "id");
    if (message) {
      // The old address must not receive a working link any more (R14).
      sql << "DELETE FROM invitation_tokens WHERE invitation_id = :id", soci::use(updated.id, "id");
      sql << "DELETE FROM outbox_attempts WHERE message_id IN (SELECT id FROM outbox_messages "
             "WHERE invitation_id = :id AND status = 'queued')",
          soci::use(updated.id, "id");
      sql << "DELETE FROM outbox_messages WHERE invitation_id = :id AND status = 'queued'",
          soci::use(updated.id, "id");
      QueueMessage(sql, updated.company_id, updated.id, *message);
      const long long at = ToUnix(message->created_at);
      sql << "UPDATE invitations SET last_message_at = :at WHERE id = :id", soci::use(at, "at"),
          soci::use(updated.id, "id");
    }
    InsertAudit(sql, audit);
    tx.commit();
    return Ok();
  });
}

Status SqlInvitationRepository::Revoke(const std::string& company_id, const std::string& id,
                                       const AuditEntry& audit) {
  auto status = db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    const auto user_id = PendingUserId(sql, id, company_id);
    if (!user_id) return Fail(NotPending());
    Eraser eraser(sql);
    eraser.Erase(id, *user_id);
    InsertAudit(sql, audit);
    AddDailyStat(sql, company_id, FormatDay(audit.at), DailyStat::kRevoked, 1);
    tx.commit();
    return Ok();
  });
  // Best effort: a failed checkpoint leaves the bytes to the next one; the revoke stands.
  if (status) (void)db_.CheckpointWal();
  return status;
}

}  // namespace usher::storage::sql
