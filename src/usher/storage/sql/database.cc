#include "usher/storage/sql/database.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>  // declares the SQLite C API in namespace sqlite_api

#include "usher/storage/sql/migrations.h"

namespace usher::storage::sql {
namespace {

using sqlite_api::sqlite3;
using sqlite_api::sqlite3_errstr;
using sqlite_api::sqlite3_exec;
using sqlite_api::sqlite3_free;
using sqlite_api::sqlite3_get_autocommit;

// Before the first connection: SQLite's memory statistics (which usher does not read) take
// one process-wide mutex on every allocation and free, which all connections then queue
// on. Ignored (SQLITE_MISUSE) if SQLite was already initialised.
void ConfigureSqliteOnce() {
  static const bool configured = [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

constexpr char kTooNew[] = "the database was written by a newer usher; upgrade usher";

sqlite3* Handle(soci::session& sql) {
  if (IsPostgres(sql)) return nullptr;
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  return backend == nullptr ? nullptr : backend->conn_;
}

// Waits for a lock held by another connection (another process: within one, writers queue
// in Write) up to ~5 s, trying again every millisecond. SQLite's own busy_timeout backs
// off to a try every 100 ms, so a process that writes in back-to-back transactions (an
// erasure in `usher purge`) could take the lock again and again before it and starve it.
int RetryEveryMillisecond(void*, int tries) {
  if (tries >= 5000) return 0;
  sqlite_api::sqlite3_sleep(1);
  return 1;
}

void WaitWhenBusy(soci::session& sql) {
  sqlite_api::sqlite3_busy_handler(Handle(sql), RetryEveryMillisecond, nullptr);
}

// Runs a script of several statements (SOCI prepares only the first statement of a string;
// on PostgreSQL a statement without parameters is sent whole).
void Exec(soci::session& sql, const std::string& script) {
  if (IsPostgres(sql)) {
    sql << script;
    return;
  }
  char* message = nullptr;
  const int rc = sqlite3_exec(Handle(sql), script.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw soci::sqlite3_soci_error(text, rc);
  }
}

int CurrentVersion(soci::session& sql) {
  long long version = 0;
  sql << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", soci::into(version);
  return static_cast<int>(version);
}

std::string Label(const Migration& m) {
  std::string digits = std::to_string(m.version);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return digits + "_" + std::string(m.name);
}

// The connection whose shared transaction this thread is applying changes in, if any.
thread_local soci::session* group_session = nullptr;
// While a WriteAlone() change runs: whether its WriteTransaction began, and whether it
// was left uncommitted (the transaction is then rolled back).
thread_local bool alone_change = false;
thread_local bool alone_tx_began = false;
thread_local bool alone_tx_undone = false;

// How many changes one group commit takes at most.
constexpr size_t kMaxGroup = 128;
// Read-only connections of an SQLite file.
constexpr int kReaders = 4;

}  // namespace

long long TotalChanges(soci::session& sql) {
  sqlite3* conn = Handle(sql);
  return conn == nullptr ? 0 : sqlite_api::sqlite3_total_changes64(conn);
}

WriteTransaction::WriteTransaction(soci::session& sql) : sql_(sql), nested_(&sql == group_session) {
  if (nested_ && alone_change) {
    // A second one could not be undone alone.
    if (alone_tx_began) throw std::logic_error("WriteAlone: one WriteTransaction per change");
    alone_ = alone_tx_began = true;
    return;
  }
  Exec(sql_, nested_ ? "SAVEPOINT usher_tx" : IsPostgres(sql_) ? "BEGIN" : "BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction() {
  if (done_) return;
  if (alone_) {
    alone_tx_undone = true;
    return;
  }
  if (nested_) {
    sqlite3_exec(Handle(sql_), "ROLLBACK TO usher_tx; RELEASE usher_tx", nullptr, nullptr, nullptr);
    return;
  }
  if (IsPostgres(sql_)) {
    try {
      sql_ << "ROLLBACK";
    } catch (...) {
    }
  } else {
    sqlite3_exec(Handle(sql_), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void WriteTransaction::commit() {
  if (!alone_) Exec(sql_, nested_ ? "RELEASE usher_tx" : "COMMIT");
  done_ = true;
}

Database::Database(std::string path, Dialect dialect) : path_(std::move(path)), dialect_(dialect) {}

namespace {

// libpq's "postgresql://..." URI as "key='value' ..." pairs, the form SOCI passes on intact.
std::optional<std::string> KeyValueConninfo(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    return std::nullopt;
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    std::string value;
    for (const char* c = o->val; *c != '\0'; ++c) {
      if (*c == '\'' || *c == '\\') value.push_back('\\');
      value.push_back(*c);
    }
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + value + "'";
  }
  PQconninfoFree(options);
  return out;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::OpenPostgres(const std::string& conninfo) {
  std::unique_ptr<Database> db(new Database(conninfo, Dialect::kPostgres));
  const auto pairs = KeyValueConninfo(conninfo);
  if (!pairs) {
    return Fail(ErrorKind::kInvalid, "invalid_db_url",
                "--db is not a PostgreSQL connection string or URL.");
  }
  try {
    db->session_.open(soci::postgresql, *pairs);
    db->session_ << "SET client_min_messages TO WARNING";
  } catch (const std::exception&) {
    // The connection string may hold a password: never in the message.
    return Fail(ErrorKind::kUnavailable, "database_unavailable",
                "Cannot connect to PostgreSQL; check --db and that the server runs.");
  }
  return db;
}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  if (path.empty() || path.find('"') != std::string::npos) {
    return Fail(ErrorKind::kInvalid, "invalid_database_path",
                "The database path must be non-empty and must not contain '\"'.");
  }
  const bool in_memory = path == ":memory:";
  if (!in_memory) {
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Fail(ErrorKind::kUnavailable, "database_unavailable",
                  "Cannot create the database folder: " + ec.message());
    }
  }
  ConfigureSqliteOnce();
  std::unique_ptr<Database> db(new Database(path, Dialect::kSqlite));
  try {
    db->session_.open(soci::sqlite3, "db=\"" + path + "\"");
    soci::session& sql = db->session_;
    std::string journal_mode;
    sql << "PRAGMA journal_mode=WAL", soci::into(journal_mode);
    if (journal_mode != "wal" && !in_memory) {
      return Fail(
          ErrorKind::kUnavailable, "database_unavailable",
          "The database cannot use write-ahead logging (journal_mode=" + journal_mode + ").");
    }
    int value = 0;
    sql << "PRAGMA foreign_keys=ON";
    sql << "PRAGMA secure_delete=ON", soci::into(value);
    sql << "PRAGMA synchronous=FULL";
    WaitWhenBusy(sql);
    // Sorts and temporary tables stay in memory: no personal data in temporary files (R8).
    sql << "PRAGMA temp_store=MEMORY";
    // Room for the pages a group commit or an import batch touches (random ids spread
    // them): without it they spill to the WAL and are read back mid-transaction.
    sql << "PRAGMA cache_size=-32768";
    // SQLite checkpoints (copies the WAL into the file, then syncs the file) after any
    // commit that leaves more than this many pages in the WAL: 1,000 by default, i.e.
    // nearly every commit of an erasure or an import batch. 8,192 pages (32 MiB) make that
    // fsync rarer; erasure empties the WAL itself (R8).
    sql << "PRAGMA wal_autocheckpoint=8192";
  } catch (const std::exception& e) {
    Error error = DatabaseError(e);
    if (error.kind == ErrorKind::kUnavailable) error.message = "Cannot open the database file.";
    return Fail(std::move(error));
  }
  if (!in_memory) USHER_RETURN_IF_ERROR(db->OpenReaders(kReaders));
  return db;
}

Status Database::OpenReaders(int count) {
  try {
    for (int i = 0; i < count; ++i) {
      auto reader = std::make_unique<Reader>();
      reader->sql.open(soci::sqlite3, "db=\"" + path_ + "\"");
      WaitWhenBusy(reader->sql);
      reader->sql << "PRAGMA temp_store=MEMORY";
      reader->sql << "PRAGMA query_only=ON";
      // The pages of a list page (index, invitation and user rows, links) stay in the
      // reader's cache between requests instead of being copied from the OS each time.
      reader->sql << "PRAGMA cache_size=-16384";
      free_readers_.push_back(reader.get());
      readers_.push_back(std::move(reader));
    }
  } catch (const std::exception& e) {
    Error error = DatabaseError(e);
    if (error.kind == ErrorKind::kUnavailable) error.message = "Cannot open the database file.";
    return Fail(std::move(error));
  }
  return Ok();
}

Database::Reader* Database::AcquireReader() {
  std::unique_lock<std::mutex> lock(readers_mu_);
  reader_free_.wait(lock, [this] { return !free_readers_.empty(); });
  Reader* reader = free_readers_.back();
  free_readers_.pop_back();
  return reader;
}

void Database::ReleaseReader(Reader* reader) {
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    free_readers_.push_back(reader);
  }
  reader_free_.notify_one();
}

// Leader and followers: the change at the front of the queue commits a group of the
// changes queued (itself first); the others wait until theirs is done.
void Database::Commit(Change& change) {
  std::unique_lock<std::mutex> lock(queue_mu_);
  queue_.push_back(&change);
  change.cv.wait(lock, [&] { return change.done || queue_.front() == &change; });
  if (change.done) return;
  // The queued changes from the front, up to the first one that commits alone.
  std::vector<Change*> group{&change};
  for (size_t i = 1; !change.alone && i < queue_.size() && group.size() < kMaxGroup; ++i) {
    if (queue_[i]->alone) break;
    group.push_back(queue_[i]);
  }
  const size_t n = group.size();
  lock.unlock();
  CommitGroup(group);
  lock.lock();
  for (size_t i = 0; i < n; ++i) {
    Change* c = queue_.front();
    queue_.pop_front();
    c->done = true;
    if (c != &change) c->cv.notify_one();
  }
  if (!queue_.empty()) queue_.front()->cv.notify_one();
}

void Database::CommitAlone(Change& change) {
  std::lock_guard<std::mutex> lock(mu_);
  sqlite3* conn = Handle(session_);
  try {
    Exec(session_, "BEGIN IMMEDIATE");
  } catch (const std::exception& e) {
    change.fail(DatabaseError(e));
    return;
  }
  group_session = &session_;
  alone_change = true;
  alone_tx_began = alone_tx_undone = false;
  bool ok = false;
  {
    CachingScope scope(session_, statements_);
    ok = change.apply(session_);
  }
  group_session = nullptr;
  alone_change = false;
  if (sqlite3_get_autocommit(conn) != 0) {  // SQLite rolled the transaction back
    change.fail(DatabaseUnavailable());
    return;
  }
  if (!ok || alone_tx_undone) {  // the change's own result says why
    RollbackIfOpen();
    return;
  }
  try {
    Exec(session_, "COMMIT");
  } catch (const std::exception& e) {
    RollbackIfOpen();
    change.fail(DatabaseError(e));
  }
}

void Database::CommitGroup(const std::vector<Change*>& group) {
  if (group.size() == 1 && group.front()->alone) return CommitAlone(*group.front());
  std::lock_guard<std::mutex> lock(mu_);
  sqlite3* conn = Handle(session_);
  std::vector<Change*> applied;  // in the open transaction, not yet durable
  auto fail_applied = [&applied](const Error& e) {
    for (Change* c : applied) c->fail(e);
    applied.clear();
  };
  group_session = &session_;
  CachingScope scope(session_, statements_);
  for (Change* c : group) {
    try {
      if (sqlite3_get_autocommit(conn) != 0) Exec(session_, "BEGIN IMMEDIATE");
      Exec(session_, "SAVEPOINT usher_change");
    } catch (const std::exception& e) {
      c->fail(DatabaseError(e));
      if (sqlite3_get_autocommit(conn) != 0) fail_applied(DatabaseError(e));
      continue;
    }
    const bool ok = c->apply(session_);
    if (sqlite3_get_autocommit(conn) != 0) {  // SQLite rolled the whole transaction back
      c->fail(DatabaseUnavailable());
      fail_applied(DatabaseUnavailable());
      continue;
    }
    sqlite3_exec(conn,
                 ok ? "RELEASE usher_change" : "ROLLBACK TO usher_change; RELEASE usher_change",
                 nullptr, nullptr, nullptr);
    applied.push_back(c);
  }
  group_session = nullptr;
  if (sqlite3_get_autocommit(conn) != 0) return;
  try {
    Exec(session_, "COMMIT");
  } catch (const std::exception& e) {
    RollbackIfOpen();
    fail_applied(DatabaseError(e));
  }
}

Result<MigrationReport> Database::Migrate() {
  return Run([this](soci::session& sql) -> Result<MigrationReport> {
    // PostgreSQL: processes starting together migrate one after the other (SQLite gets the
    // same from BEGIN IMMEDIATE). The lock ends with the session at the latest.
    struct MigrationLock {
      soci::session& sql;
      bool held;
      ~MigrationLock() {
        if (!held) return;
        try {
          sql << "SELECT pg_advisory_unlock(7361626)";
        } catch (...) {
        }
      }
    } lock{sql, dialect_ == Dialect::kPostgres};
    if (lock.held) sql << "SELECT pg_advisory_lock(7361626)";
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
           "version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    MigrationReport report;
    report.from_version = CurrentVersion(sql);
    const auto& migrations = EmbeddedMigrations(dialect_);
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (report.from_version > latest) {
      return Fail(ErrorKind::kConflict, "schema_too_new", kTooNew);
    }
    for (const Migration& m : migrations) {
      if (m.version <= report.from_version) continue;
      WriteTransaction tx(sql);  // the write lock first: two processes migrate one by one
      if (CurrentVersion(sql) >= m.version) {  // another process applied it meanwhile
        tx.commit();
        continue;
      }
      try {
        Exec(sql, std::string(m.sql));
      } catch (const soci::soci_error& e) {
        return Fail(ErrorKind::kInternal, "migration_failed",
                    "Migration " + Label(m) + " failed: " + e.get_error_message());
      }
      const long long version = m.version;
      const std::string name(m.name);
      // The database's own clock: bookkeeping of the schema, not a time of the domain.
      const std::string applied_at = dialect_ == Dialect::kPostgres
                                         ? "CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)"
                                         : "CAST(strftime('%s', 'now') AS INTEGER)";
      sql << "INSERT INTO schema_migrations (version, name, applied_at) "
             "VALUES (:version, :name, " +
                 applied_at + ")",
          soci::use(version, "version"), soci::use(name, "name");
      tx.commit();
      report.applied.push_back(Label(m));
    }
    report.to_version = CurrentVersion(sql);
    if (report.to_version > latest) return Fail(ErrorKind::kConflict, "schema_too_new", kTooNew);
    return report;
  });
}

Status Database::Ping() {
  return Run([](soci::session& sql) -> Status {
    int one = 0;
    sql << "SELECT 1", soci::into(one);
    if (one != 1) return Fail(DatabaseInternal());
    return Ok();
  });
}

Status Database::CheckpointWal() {
  if (dialect_ == Dialect::kPostgres) return Ok();  // no WAL file of ours to empty
  const auto checkpoint = [](const char* mode) {
    return [mode](soci::session& sql) -> Status {
      int busy = 0, log_frames = 0, checkpointed = 0;
      sql << std::string("PRAGMA wal_checkpoint(") + mode + ")", soci::into(busy),
          soci::into(log_frames), soci::into(checkpointed);
      if (busy != 0) return Fail(DatabaseUnavailable());
      return Ok();
    };
  };
  // First the bulk of the copy on a reader (PASSIVE needs neither SQLite's write lock nor
  // this process's writing connection), while writers go on; TRUNCATE then holds both only
  // to copy what they added meanwhile and to wait for readers of older snapshots, instead
  // of for the whole copy (seconds after a large erasure).
  (void)Read(checkpoint("PASSIVE"));
  return Run(checkpoint("TRUNCATE"));
}

void Database::RollbackIfOpen(soci::session& sql) noexcept {
  sqlite3* conn = Handle(sql);
  if (conn != nullptr && sqlite3_get_autocommit(conn) == 0) {
    sqlite3_exec(conn, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Database::RollbackIfOpen() noexcept {
  if (dialect_ == Dialect::kPostgres) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(session_.get_backend());
    if (backend != nullptr && backend->conn_ != nullptr &&
        PQtransactionStatus(backend->conn_) != PQTRANS_IDLE) {
      try {
        session_ << "ROLLBACK";
      } catch (...) {
      }
    }
    return;
  }
  sqlite3* conn = Handle(session_);
  if (conn != nullptr && sqlite3_get_autocommit(conn) == 0) {
    sqlite3_exec(conn, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

}  // namespace usher::storage::sql
