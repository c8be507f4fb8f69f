// auth::SessionRepository on SQLite: sessions and rate-limit windows. Internal.
#pragma once

#include "usher/auth/repository.h"
#include "usher/storage/sql/database.h"

namespace usher::storage::sql {

class SqlSessionRepository final : public auth::SessionRepository {
 public:
  explicit SqlSessionRepository(Database& db) : db_(db) {}
  Status Create(const auth::Session& session) override;
  Result<std::optional<auth::Session>> Find(const std::string& token_hash, Time now) override;
  Status Delete(const std::string& token_hash) override;
  Status DeleteAllOf(auth::Subject subject, const std::string& subject_id) override;
  Status Sweep(Time now) override;
  Result<long long> Hit(const std::string& key, Time window_start, Time window_end) override;

 private:
  Database& db_;
};

}  // namespace usher::storage::sql
