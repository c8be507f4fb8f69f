// Persistence of the outbox: claims with leases, and the bookkeeping of each attempt.
// Several workers in several processes may call these at once: a message is claimed by
// one of them at a time. Thread-safe; kUnavailable when the database fails.
#pragma once

#include <string>
#include <vector>

#include "usher/base/result.h"
#include "usher/outbox/message.h"

namespace usher::outbox {

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;

  // Claims up to `limit` messages that are queued with next_attempt_at <= now, or sending
  // with an expired lease (a crashed worker's), oldest first, whose invitation is pending:
  // status sending, lease_until = now + lease, attempts + 1, and one attempt row each.
  virtual Result<std::vector<Claimed>> Claim(Time now, Seconds lease, int limit) = 0;

  // The attempt succeeded: status sent, sent_at; the invitation's last_sent_at and
  // delivery "sent".
  virtual Status MarkSent(const Claimed& m, Time now) = 0;
  // A temporary failure: status queued again at `next_attempt_at`, last_error; the
  // invitation's delivery "retrying"; the token of this attempt deleted.
  virtual Status MarkRetry(const Claimed& m, Time now, Time next_attempt_at,
                           const std::string& error, const std::string& token_hash) = 0;
  // A permanent failure: status failed; the invitation's delivery "failed" (shown as
  // undeliverable, R11); the token of this attempt deleted.
  virtual Status MarkFailed(const Claimed& m, Time now, const std::string& error,
                            const std::string& token_hash) = 0;
};

}  // namespace usher::outbox
