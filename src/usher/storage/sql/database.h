// One SQLite database file opened through SOCI, with usher's PRAGMAs and migrations.
// Thread-safe: there is ONE connection, and every use of it holds a mutex (simple and
// correct; concurrency/pooling is later performance work). Internal to storage/sql.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include <soci/soci.h>

#include "usher/base/result.h"
#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/migrations.h"

namespace usher::storage::sql {

struct MigrationReport {
  int from_version = 0;              // schema version found when opening
  int to_version = 0;                // schema version now
  std::vector<std::string> applied;  // "0002_name", ... in the order applied
};

// The transaction of every change: BEGIN IMMEDIATE takes SQLite's write lock up front, so a
// writer in another connection or process waits (busy_timeout) instead of failing with
// SQLITE_BUSY when it upgrades a read to a write (a deferred soci::transaction would).
// On PostgreSQL it is a plain BEGIN (row locks and unique indexes serialise writers).
// Rolls back unless commit() was called. Read-only work uses soci::transaction.
class WriteTransaction {
 public:
  explicit WriteTransaction(soci::session& sql);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  soci::session& sql_;
  bool done_ = false;
};

// A statement that may break a unique index, inside a transaction: on failure only the
// statement is undone and the transaction goes on (PostgreSQL otherwise aborts the whole
// transaction at the first error). Call `fn`; rethrows its exception after the rollback.
template <typename Fn>
void Guarded(soci::session& sql, Fn&& fn) {
  sql << "SAVEPOINT usher_guard";
  try {
    fn();
  } catch (...) {
    sql << "ROLLBACK TO SAVEPOINT usher_guard";
    throw;
  }
  sql << "RELEASE SAVEPOINT usher_guard";
}

// True when the session talks to PostgreSQL.
inline bool IsPostgres(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

// SQL for "`haystack` contains the text bound as `needle`" in `dialect`.
inline std::string ContainsSql(Dialect dialect, const std::string& haystack,
                               const std::string& needle) {
  return std::string(dialect == Dialect::kPostgres ? "strpos(" : "instr(") + haystack + ", " +
         needle + ") > 0";
}

class Database {
 public:
  // Opens (creating the file and its parent folders) `path` and sets journal_mode=WAL,
  // foreign_keys=ON, secure_delete=ON, synchronous=FULL, busy_timeout=5000 (and
  // temp_store=MEMORY: no personal data in temporary files). Does not migrate. kUnavailable when
  // the file cannot be opened; kInvalid for an empty path or one containing '"'.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);
  // Connects to PostgreSQL (`conninfo`: a libpq URI "postgresql://user:pass@host:port/db"
  // or "host=... dbname=..."). Does not migrate. kUnavailable when it cannot connect.
  static Result<std::unique_ptr<Database>> OpenPostgres(const std::string& conninfo);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Applies every embedded migration newer than the file's schema version, each in its own
  // (immediate) transaction, recorded in schema_migrations(version, name, applied_at).
  // kConflict "schema_too_new" when the file was written by a newer usher.
  Result<MigrationReport> Migrate();
  // SELECT 1: readiness. kUnavailable when the database cannot answer.
  Status Ping();
  // PRAGMA wal_checkpoint(TRUNCATE): copies the WAL into the main file and empties it, so
  // erased rows (overwritten in the main file by secure_delete) do not linger there (R8).
  Status CheckpointWal();
  const std::string& path() const { return path_; }
  Dialect dialect() const { return dialect_; }

  // Runs fn(soci::session&) -> Result<T>/Status while holding the connection; any
  // exception becomes an Error (see errors.h) and an open transaction is rolled back.
  template <typename Fn>
  auto Run(Fn&& fn) -> std::invoke_result_t<Fn&, soci::session&> {
    std::lock_guard<std::mutex> lock(mu_);
    try {
      return fn(session_);
    } catch (const std::exception& e) {
      RollbackIfOpen();
      return Fail(DatabaseError(e));
    } catch (...) {
      RollbackIfOpen();
      return Fail(DatabaseInternal());
    }
  }

 private:
  Database(std::string path, Dialect dialect);
  void RollbackIfOpen() noexcept;

  std::string path_;
  Dialect dialect_;
  std::mutex mu_;
  soci::session session_;
};

}  // namespace usher::storage::sql
