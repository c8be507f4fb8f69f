// One database (an SQLite file or PostgreSQL) opened through SOCI, with usher's PRAGMAs and
// migrations. Thread-safe. Changes go through Write(): on SQLite, changes that arrive while
// another commits are applied together and made durable by one commit (group commit); reads
// go through Read(): on SQLite, a small pool of read-only connections that never wait for a
// commit. Internal to storage/sql.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <soci/soci.h>

#include "usher/base/result.h"
#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/migrations.h"
#include "usher/storage/sql/statement_cache.h"

namespace usher::storage::sql {

struct MigrationReport {
  int from_version = 0;              // schema version found when opening
  int to_version = 0;                // schema version now
  std::vector<std::string> applied;  // "0002_name", ... in the order applied
};

// The transaction of every change: BEGIN IMMEDIATE takes SQLite's write lock up front, so a
// writer in another connection or process waits (up to 5 s) instead of failing with
// SQLITE_BUSY when it upgrades a read to a write (a deferred soci::transaction would).
// On PostgreSQL it is a plain BEGIN (row locks and unique indexes serialise writers).
// Inside Database::Write() on SQLite it is a SAVEPOINT of the shared transaction instead;
// inside Database::WriteAlone(), the change's own transaction (at most one per change).
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
  bool nested_ = false;  // a savepoint inside a group commit
  bool alone_ = false;   // the transaction of a WriteAlone() change: no SQL of its own
  bool done_ = false;
};

// True when the session talks to PostgreSQL.
inline bool IsPostgres(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

// A statement that may break a unique index, inside a transaction: on failure only the
// statement is undone and the transaction goes on. SQLite does that by itself; PostgreSQL
// would abort the whole transaction, so there it runs in a savepoint. Call `fn` (one
// statement); rethrows its exception.
template <typename Fn>
void Guarded(soci::session& sql, Fn&& fn) {
  if (!IsPostgres(sql)) return fn();
  sql << "SAVEPOINT usher_guard";
  try {
    fn();
  } catch (...) {
    sql << "ROLLBACK TO SAVEPOINT usher_guard";
    throw;
  }
  sql << "RELEASE SAVEPOINT usher_guard";
}

// Thrown by Attempt when fn failed after writing and no savepoint can undo it.
class PartialChange : public std::exception {
 public:
  const char* what() const noexcept override { return "partial change"; }
};

// How many rows the connection's statements have changed so far (SQLite only; 0 otherwise).
long long TotalChanges(soci::session& sql);

// Runs fn() -> Status as one part of a transaction, so that when it fails (or throws: the
// exception becomes the returned error) the transaction goes on without fn's writes. With
// `isolate` (always on PostgreSQL) fn runs in a savepoint. Without it on SQLite, savepoints
// are spared (their cost grows with the transaction): a failed fn that wrote nothing
// returns its error; one that did write throws PartialChange, and the caller undoes the
// transaction and runs it again isolated.
template <typename Fn>
Status Attempt(soci::session& sql, bool isolate, Fn&& fn) {
  const bool savepoint = isolate || IsPostgres(sql);
  const long long before = savepoint ? 0 : TotalChanges(sql);
  if (savepoint) sql << "SAVEPOINT usher_attempt";
  Status status = Ok();
  try {
    status = fn();
  } catch (const std::exception& e) {
    status = Fail(DatabaseError(e));
  }
  if (savepoint) {
    if (!status) sql << "ROLLBACK TO SAVEPOINT usher_attempt";
    sql << "RELEASE SAVEPOINT usher_attempt";
  } else if (!status && TotalChanges(sql) != before) {
    throw PartialChange();
  }
  return status;
}

// SQL for "`haystack` contains the text bound as `needle`" in `dialect`.
inline std::string ContainsSql(Dialect dialect, const std::string& haystack,
                               const std::string& needle) {
  return std::string(dialect == Dialect::kPostgres ? "strpos(" : "instr(") + haystack + ", " +
         needle + ") > 0";
}

class Database {
 public:
  // Opens (creating the file and its parent folders) `path` and sets journal_mode=WAL,
  // foreign_keys=ON, secure_delete=ON, synchronous=FULL, a busy handler that waits up to 5 s (and
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
  // PRAGMA wal_checkpoint(PASSIVE), then (TRUNCATE): copies the WAL into the main file and
  // empties it, so erased rows (overwritten in the main file by secure_delete) do not
  // linger there (R8).
  Status CheckpointWal();
  const std::string& path() const { return path_; }
  Dialect dialect() const { return dialect_; }

  // Runs fn(soci::session&) -> Result<T>/Status alone on the writing connection, outside
  // any group commit (migrations, checkpoints, tools); any exception becomes an Error (see
  // errors.h) and an open transaction is rolled back.
  template <typename Fn>
  auto Run(Fn&& fn) -> std::invoke_result_t<Fn&, soci::session&> {
    std::lock_guard<std::mutex> lock(mu_);
    CachingScope scope(session_, statements_);
    return Guard(fn, session_, [this] { RollbackIfOpen(); });
  }

  // Runs a change fn(soci::session&) -> Result<T>/Status and returns once it is durable (or
  // failed). On SQLite, fn runs inside a SAVEPOINT of a transaction shared with the changes
  // queued meanwhile, committed once for all of them: an exception or a WriteTransaction
  // left uncommitted undoes fn's part only; a failed commit fails every change of the group.
  // On PostgreSQL, fn runs alone, as Run() does.
  template <typename Fn>
  auto Write(Fn&& fn) -> std::invoke_result_t<Fn&, soci::session&> {
    return Queue(fn, false);
  }

  // As Write(), for a big change (an import batch) with one WriteTransaction: on SQLite it
  // is committed in a transaction of its own, without savepoints, so an exception or its
  // WriteTransaction left uncommitted rolls that transaction back. (Inside a savepoint,
  // every statement that fires a trigger costs SQLite time in proportion to all that was
  // written since the savepoint opened: a batch of n rows would cost n².)
  template <typename Fn>
  auto WriteAlone(Fn&& fn) -> std::invoke_result_t<Fn&, soci::session&> {
    return Queue(fn, true);
  }

  // Runs read-only fn(soci::session&) -> Result<T>/Status. On SQLite it gets one of a few
  // read-only connections (a snapshot of the last commit; a write there fails); otherwise
  // as Run().
  template <typename Fn>
  auto Read(Fn&& fn) -> std::invoke_result_t<Fn&, soci::session&> {
    if (readers_.empty()) return Run(fn);
    Reader* reader = AcquireReader();
    soci::session& sql = reader->sql;
    auto result = [&] {
      CachingScope scope(sql, reader->statements);
      return Guard(fn, sql, [&sql] { RollbackIfOpen(sql); });
    }();
    ReleaseReader(reader);
    return result;
  }

 private:
  // A change waiting for a group commit.
  struct Change {
    std::function<bool(soci::session&)> apply;  // runs fn, keeps its result; false: it threw
    std::function<void(const Error&)> fail;     // replaces the result with an error
    bool alone = false;                         // committed by itself, without savepoints
    bool done = false;
    std::condition_variable cv;
  };

  template <typename Fn>
  auto Queue(Fn& fn, bool alone) -> std::invoke_result_t<Fn&, soci::session&> {
    using R = std::invoke_result_t<Fn&, soci::session&>;
    if (dialect_ == Dialect::kPostgres) return Run(fn);
    std::optional<R> result;
    Change change;
    change.alone = alone;
    change.apply = [&](soci::session& sql) {
      bool threw = false;
      result.emplace(Guard(fn, sql, [&threw] { threw = true; }));
      return !threw;
    };
    change.fail = [&](const Error& e) { result.emplace(Fail(e)); };
    Commit(change);
    return std::move(*result);
  }

  template <typename Fn, typename Rollback>
  static auto Guard(Fn& fn, soci::session& sql, Rollback rollback)
      -> std::invoke_result_t<Fn&, soci::session&> {
    try {
      return fn(sql);
    } catch (const std::exception& e) {
      rollback();
      return Fail(DatabaseError(e));
    } catch (...) {
      rollback();
      return Fail(DatabaseInternal());
    }
  }

  Database(std::string path, Dialect dialect);
  void RollbackIfOpen() noexcept;
  static void RollbackIfOpen(soci::session& sql) noexcept;
  // Queues `change`; the first in the queue commits a group of them (see Write).
  void Commit(Change& change);
  void CommitGroup(const std::vector<Change*>& group);
  void CommitAlone(Change& change);
  // A read-only connection and its statements (destroyed first).
  struct Reader {
    soci::session sql;
    StatementCache statements;
  };
  Status OpenReaders(int count);
  Reader* AcquireReader();
  void ReleaseReader(Reader* reader);

  std::string path_;
  Dialect dialect_;
  std::mutex mu_;  // the writing connection
  soci::session session_;
  StatementCache statements_;  // of session_; declared after it, so destroyed before it

  std::mutex queue_mu_;  // changes waiting for a group commit; the front one leads
  std::deque<Change*> queue_;

  std::mutex readers_mu_;
  std::condition_variable reader_free_;
  std::vector<std::unique_ptr<Reader>> readers_;
  std::vector<Reader*> free_readers_;
};

}  // namespace usher::storage::sql
