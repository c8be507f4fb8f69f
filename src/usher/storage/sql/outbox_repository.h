// outbox::OutboxRepository on SQLite. Internal.
#pragma once

#include "usher/outbox/repository.h"
#include "usher/storage/sql/database.h"

namespace usher::storage::sql {

class SqlOutboxRepository final : public outbox::OutboxRepository {
 public:
  explicit SqlOutboxRepository(Database& db) : db_(db) {}
  Result<std::vector<outbox::Claimed>> Claim(Time now, Seconds lease, int limit) override;
  Status MarkSent(const outbox::Claimed& m, Time now) override;
  Status MarkRetry(const outbox::Claimed& m, Time now, Time next_attempt_at,
                   const std::string& error, const std::string& token_hash) override;
  Status MarkFailed(const outbox::Claimed& m, Time now, const std::string& error,
                    const std::string& token_hash) override;

 private:
  // Ends the attempt and sets the message's status; false when the claim was lost (the
  // lease expired and another worker took the message).
  bool Finish(soci::session& sql, const outbox::Claimed& m, Time now, const std::string& result,
              const std::string& error);
  Database& db_;
};

}  // namespace usher::storage::sql
