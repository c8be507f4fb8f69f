#include "usher/storage/sql/outbox_repository.h"

#include "usher/security/random.h"
#include "usher/storage/sql/sql_util.h"

namespace usher::storage::sql {

using outbox::Claimed;

namespace {

invitation::MessageKind KindOf(const std::string& s) {
  if (s == "resend") return invitation::MessageKind::kResend;
  if (s == "reminder") return invitation::MessageKind::kReminder;
  return invitation::MessageKind::kInvitation;
}

void SetDelivery(soci::session& sql, const std::string& invitation_id, const std::string& state) {
  sql << "UPDATE invitations SET delivery = :d WHERE id = :id", soci::use(state, "d"),
      soci::use(invitation_id, "id");
}

void DeleteToken(soci::session& sql, const std::string& token_hash) {
  if (token_hash.empty()) return;
  sql << "DELETE FROM invitation_tokens WHERE hash = :h", soci::use(token_hash, "h");
}

}  // namespace

Result<std::vector<Claimed>> SqlOutboxRepository::Claim(Time now, Seconds lease, int limit) {
  return db_.Write([&](soci::session& sql) -> Result<std::vector<Claimed>> {
    WriteTransaction tx(sql);
    const long long at = ToUnix(now), until = ToUnix(now + lease), n = limit;
    Claimed row;
    std::string kind, channel;
    long long created_at = 0;
    soci::statement st =
        (sql.prepare << "SELECT m.id, m.company_id, m.invitation_id, m.kind, m.channel, "
                        "m.recipient, m.language, m.attempts, m.created_at "
                        "FROM outbox_messages m JOIN invitations i ON i.id = m.invitation_id "
                        "WHERE ((m.status = 'queued' AND m.next_attempt_at <= :now) OR "
                        "(m.status = 'sending' AND m.lease_until <= :now)) "
                        "AND i.status = 'pending' ORDER BY m.next_attempt_at, m.id LIMIT :n" +
                            std::string(IsPostgres(sql) ? " FOR UPDATE OF m SKIP LOCKED" : ""),
         soci::use(at, "now"), soci::use(n, "n"), soci::into(row.id), soci::into(row.company_id),
         soci::into(row.invitation_id), soci::into(kind), soci::into(channel),
         soci::into(row.recipient), soci::into(row.language), soci::into(row.attempts),
         soci::into(created_at));
    st.execute();
    std::vector<Claimed> claimed;
    while (st.fetch()) {
      row.kind = KindOf(kind);
      row.channel = channel == "sms" ? invitation::Channel::kSms : invitation::Channel::kEmail;
      row.created_at = FromUnix(created_at);
      claimed.push_back(row);
    }
    for (Claimed& m : claimed) {
      ++m.attempts;
      m.attempt_id = security::NewId(now);
      sql << "UPDATE outbox_messages SET status = 'sending', lease_until = :until, "
             "attempts = :attempts WHERE id = :id",
          soci::use(until, "until"), soci::use(m.attempts, "attempts"), soci::use(m.id, "id");
      sql << "INSERT INTO outbox_attempts (id, message_id, started_at) VALUES (:id, :m, :at)",
          soci::use(m.attempt_id, "id"), soci::use(m.id, "m"), soci::use(at, "at");
    }
    tx.commit();
    return claimed;
  });
}

bool SqlOutboxRepository::Finish(soci::session& sql, const Claimed& m, Time now,
                                 const std::string& result, const std::string& error) {
  const long long at = ToUnix(now);
  Nullable<std::string> err(error.empty() ? std::nullopt : std::optional<std::string>(error));
  sql << "UPDATE outbox_attempts SET finished_at = :at, result = :r, error = :e WHERE id = :id",
      soci::use(at, "at"), soci::use(result, "r"), Use(err, "e"), soci::use(m.attempt_id, "id");
  soci::statement st(sql);
  const std::string status = result == "retry" ? "queued" : result;
  st.exchange(soci::use(status, "s"));
  st.exchange(Use(err, "e"));
  st.exchange(soci::use(m.id, "id"));
  st.exchange(soci::use(m.attempts, "attempts"));
  const std::string sent_at = result == "sent" ? ", sent_at = " + std::to_string(at) : "";
  return ExecuteAndCount(
             st,
             "UPDATE outbox_messages SET status = :s, lease_until = NULL, "
             "last_error = :e" +
                 sent_at + " WHERE id = :id AND status = 'sending' AND attempts = :attempts") == 1;
}

Status SqlOutboxRepository::MarkSent(const Claimed& m, Time now) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    if (Finish(sql, m, now, "sent", "")) {
      const long long at = ToUnix(now);
      sql << "UPDATE invitations SET last_sent_at = :at, delivery = 'sent' WHERE id = :id",
          soci::use(at, "at"), soci::use(m.invitation_id, "id");
    }
    tx.commit();
    return Ok();
  });
}

Status SqlOutboxRepository::MarkRetry(const Claimed& m, Time now, Time next_attempt_at,
                                      const std::string& error, const std::string& token_hash) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    DeleteToken(sql, token_hash);
    if (Finish(sql, m, now, "retry", error)) {
      const long long next = ToUnix(next_attempt_at);
      sql << "UPDATE outbox_messages SET next_attempt_at = :next WHERE id = :id",
          soci::use(next, "next"), soci::use(m.id, "id");
      SetDelivery(sql, m.invitation_id, "retrying");
    }
    tx.commit();
    return Ok();
  });
}

Status SqlOutboxRepository::MarkFailed(const Claimed& m, Time now, const std::string& error,
                                       const std::string& token_hash) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    DeleteToken(sql, token_hash);
    if (Finish(sql, m, now, "failed", error)) SetDelivery(sql, m.invitation_id, "failed");
    tx.commit();
    return Ok();
  });
}

}  // namespace usher::storage::sql
