// Persistence of sessions and rate-limit counters: in the database, so that every usher
// process sees the same (R15, DESIGN "nothing lives only in one process's memory").
// Thread-safe; kUnavailable when the database fails.
#pragma once

#include <optional>
#include <string>

#include "usher/auth/session.h"
#include "usher/base/result.h"

namespace usher::auth {

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Create(const Session& session) = 0;
  // The session with this token hash when it has not expired at `now`; nullopt otherwise.
  virtual Result<std::optional<Session>> Find(const std::string& token_hash, Time now) = 0;
  // Deletes the session; Ok also when there was none.
  virtual Status Delete(const std::string& token_hash) = 0;
  // Deletes every session of the subject (e.g. after a password change).
  virtual Status DeleteAllOf(Subject subject, const std::string& subject_id) = 0;
  // Deletes sessions expired at `now`, and rate-limit windows that ended before `now`.
  virtual Status Sweep(Time now) = 0;

  // Counts one hit on `key` in the window starting at `window_start` (lasting until
  // `window_end`) and returns the hits in that window so far, this one included.
  virtual Result<long long> Hit(const std::string& key, Time window_start, Time window_end) = 0;
};

}  // namespace usher::auth
