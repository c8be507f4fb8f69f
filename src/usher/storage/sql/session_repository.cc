#include "usher/storage/sql/session_repository.h"

#include "usher/storage/sql/statement_cache.h"

namespace usher::storage::sql {

using auth::Session;
using auth::Subject;

Status SqlSessionRepository::Create(const Session& s) {
  return db_.Write([&](soci::session& sql) -> Status {
    const std::string subject = auth::ToString(s.subject);
    const long long created = ToUnix(s.created_at), expires = ToUnix(s.expires_at);
    sql << "INSERT INTO sessions (token_hash, subject, subject_id, company_id, created_at, "
           "expires_at) VALUES (:h, :s, :id, :c, :created, :expires)",
        soci::use(s.token_hash, "h"), soci::use(subject, "s"), soci::use(s.subject_id, "id"),
        soci::use(s.company_id, "c"), soci::use(created, "created"), soci::use(expires, "expires");
    return Ok();
  });
}

Result<std::optional<Session>> SqlSessionRepository::Find(const std::string& token_hash, Time now) {
  struct Row {
    std::string hash;
    long long now = 0;
    Session s;
    std::string subject;
    long long created = 0, expires = 0;
    void Bind(soci::statement& st) {
      st.exchange(soci::use(hash, "h"));
      st.exchange(soci::use(now, "now"));
      st.exchange(soci::into(s.token_hash));
      st.exchange(soci::into(subject));
      st.exchange(soci::into(s.subject_id));
      st.exchange(soci::into(s.company_id));
      st.exchange(soci::into(created));
      st.exchange(soci::into(expires));
    }
  };
  return db_.Read([&](soci::session& sql) -> Result<std::optional<Session>> {
    Reused<Row> st(sql,
                   "SELECT token_hash, subject, subject_id, company_id, created_at, expires_at "
                   "FROM sessions WHERE token_hash = :h AND expires_at > :now");
    st->hash = token_hash;
    st->now = ToUnix(now);
    if (!st.Execute()) return std::optional<Session>();
    Session s = st->s;
    s.subject = st->subject == "user" ? Subject::kUser : Subject::kAdmin;
    s.created_at = FromUnix(st->created);
    s.expires_at = FromUnix(st->expires);
    return std::optional<Session>(std::move(s));
  });
}

Status SqlSessionRepository::Delete(const std::string& token_hash) {
  return db_.Write([&](soci::session& sql) -> Status {
    sql << "DELETE FROM sessions WHERE token_hash = :h", soci::use(token_hash, "h");
    return Ok();
  });
}

Status SqlSessionRepository::DeleteAllOf(Subject subject, const std::string& subject_id) {
  return db_.Write([&](soci::session& sql) -> Status {
    const std::string s = auth::ToString(subject);
    sql << "DELETE FROM sessions WHERE subject = :s AND subject_id = :id", soci::use(s, "s"),
        soci::use(subject_id, "id");
    return Ok();
  });
}

Status SqlSessionRepository::Sweep(Time now) {
  return db_.Write([&](soci::session& sql) -> Status {
    const long long at = ToUnix(now);
    sql << "DELETE FROM sessions WHERE expires_at <= :now", soci::use(at, "now");
    sql << "DELETE FROM rate_limits WHERE window_end <= :now", soci::use(at, "now");
    return Ok();
  });
}

Result<long long> SqlSessionRepository::Hit(const std::string& key, Time window_start,
                                            Time window_end) {
  return db_.Write([&](soci::session& sql) -> Result<long long> {
    const long long start = ToUnix(window_start), end = ToUnix(window_end);
    long long hits = 0;
    sql << "INSERT INTO rate_limits (key, window_start, window_end, hits) "
           "VALUES (:k, :start, :end, 1) ON CONFLICT (key, window_start) "
           "DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits",
        soci::use(key, "k"), soci::use(start, "start"), soci::use(end, "end"), soci::into(hits);
    return hits;
  });
}

}  // namespace usher::storage::sql
