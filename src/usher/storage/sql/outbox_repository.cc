#include "usher/storage/sql/outbox_repository.h"

#include "usher/security/random.h"
#include "usher/storage/sql/sql_util.h"
#include "usher/storage/sql/statement_cache.h"

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

namespace {

struct DueRow {
  long long now = 0, n = 0;  // parameters
  Claimed row;
  std::string kind, channel;
  long long created_at = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(now, "now"));
    st.exchange(soci::use(n, "n"));
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.company_id));
    st.exchange(soci::into(row.invitation_id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(channel));
    st.exchange(soci::into(row.recipient));
    st.exchange(soci::into(row.language));
    st.exchange(soci::into(row.attempts));
    st.exchange(soci::into(created_at));
  }
  Claimed Get() const {
    Claimed m = row;
    m.kind = KindOf(kind);
    m.channel = channel == "sms" ? invitation::Channel::kSms : invitation::Channel::kEmail;
    m.created_at = FromUnix(created_at);
    return m;
  }
};

struct LeaseValues {
  long long until = 0;
  int attempts = 0;
  std::string id;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(until, "until"));
    st.exchange(soci::use(attempts, "attempts"));
    st.exchange(soci::use(id, "id"));
  }
};

struct AttemptValues {
  std::string id, message_id;
  long long at = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(message_id, "m"));
    st.exchange(soci::use(at, "at"));
  }
};

struct AttemptEnd {
  long long at = 0;
  std::string result, id;
  Nullable<std::string> error;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(at, "at"));
    st.exchange(soci::use(result, "r"));
    st.exchange(Use(error, "e"));
    st.exchange(soci::use(id, "id"));
  }
};

struct MessageEnd {
  std::string status, id;
  Nullable<std::string> error;
  int attempts = 0;
  long long at = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(status, "s"));
    st.exchange(Use(error, "e"));
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(attempts, "attempts"));
    st.exchange(soci::use(at, "at"));
  }
};

struct SentValues {
  long long at = 0;
  std::string id;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(at, "at"));
    st.exchange(soci::use(id, "id"));
  }
};

}  // namespace

Result<std::vector<Claimed>> SqlOutboxRepository::Claim(Time now, Seconds lease, int limit) {
  return db_.Write([&](soci::session& sql) -> Result<std::vector<Claimed>> {
    WriteTransaction tx(sql);
    const long long at = ToUnix(now), until = ToUnix(now + lease);
    std::vector<Claimed> claimed;
    {
      Reused<DueRow> st(sql,
                        "SELECT m.id, m.company_id, m.invitation_id, m.kind, m.channel, "
                        "m.recipient, m.language, m.attempts, m.created_at "
                        "FROM outbox_messages m JOIN invitations i ON i.id = m.invitation_id "
                        "WHERE ((m.status = 'queued' AND m.next_attempt_at <= :now) OR "
                        "(m.status = 'sending' AND m.lease_until <= :now)) "
                        "AND i.status = 'pending' ORDER BY m.next_attempt_at, m.id LIMIT :n" +
                            std::string(IsPostgres(sql) ? " FOR UPDATE OF m SKIP LOCKED" : ""));
      st->now = at;
      st->n = limit;
      for (bool row = st.Execute(); row; row = st.Fetch()) claimed.push_back(st->Get());
    }
    for (Claimed& m : claimed) {
      ++m.attempts;
      m.attempt_id = security::NewId(now);
      {
        Reused<LeaseValues> st(sql,
                               "UPDATE outbox_messages SET status = 'sending', lease_until = "
                               ":until, attempts = :attempts WHERE id = :id");
        st->until = until;
        st->attempts = m.attempts;
        st->id = m.id;
        st.Execute();
      }
      Reused<AttemptValues> st(
          sql, "INSERT INTO outbox_attempts (id, message_id, started_at) VALUES (:id, :m, :at)");
      st->id = m.attempt_id;
      st->message_id = m.id;
      st->at = at;
      st.Execute();
    }
    tx.commit();
    return claimed;
  });
}

bool SqlOutboxRepository::Finish(soci::session& sql, const Claimed& m, Time now,
                                 const std::string& result, const std::string& error) {
  const long long at = ToUnix(now);
  Nullable<std::string> err(error.empty() ? std::nullopt : std::optional<std::string>(error));
  {
    Reused<AttemptEnd> st(
        sql,
        "UPDATE outbox_attempts SET finished_at = :at, result = :r, error = :e WHERE id = :id");
    st->at = at;
    st->result = result;
    st->error = err;
    st->id = m.attempt_id;
    st.Execute();
  }
  Reused<MessageEnd> st(sql,
                        "UPDATE outbox_messages SET status = :s, lease_until = NULL, "
                        "last_error = :e, sent_at = CASE WHEN :s = 'sent' THEN :at ELSE sent_at "
                        "END WHERE id = :id AND status = 'sending' AND attempts = :attempts");
  st->status = result == "retry" ? "queued" : result;
  st->error = err;
  st->id = m.id;
  st->attempts = m.attempts;
  st->at = at;
  st.Execute();
  return st.Changed() == 1;
}

Status SqlOutboxRepository::MarkSent(const Claimed& m, Time now) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    if (Finish(sql, m, now, "sent", "")) {
      Reused<SentValues> st(
          sql, "UPDATE invitations SET last_sent_at = :at, delivery = 'sent' WHERE id = :id");
      st->at = ToUnix(now);
      st->id = m.invitation_id;
      st.Execute();
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
