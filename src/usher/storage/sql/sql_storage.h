// The storage of usher in SQL: an SQLite file (the embedded default) or a PostgreSQL
// database, with the same repositories in either dialect. Open() opens and migrates it;
// the repositories are owned by and live as long as the SqlStorage. Thread-safe (one
// connection behind a mutex; see database.h).
#pragma once

#include <memory>
#include <string>

#include "usher/auth/repository.h"
#include "usher/base/clock.h"
#include "usher/base/result.h"
#include "usher/company/repository.h"
#include "usher/directory/repository.h"
#include "usher/invitation/repository.h"
#include "usher/outbox/repository.h"

namespace usher::storage::sql {

class Database;
class SqlCompanyRepository;
class SqlDirectoryRepository;
class SqlInvitationRepository;
class SqlSessionRepository;
class SqlOutboxRepository;
class SqlClockStore;

class SqlStorage {
 public:
  // Opens `path` (creating the file and its folders) and applies pending migrations. A
  // PostgreSQL connection string ("postgresql://...", "host=... dbname=...") opens that
  // database instead: the same repositories in the PostgreSQL dialect.
  // kUnavailable when the file cannot be opened; kConflict "schema_too_new" when a newer
  // usher wrote it; kInternal "migration_failed" when a migration fails (nothing of it kept).
  static Result<std::unique_ptr<SqlStorage>> Open(const std::string& path);
  ~SqlStorage();
  SqlStorage(const SqlStorage&) = delete;
  SqlStorage& operator=(const SqlStorage&) = delete;

  company::CompanyRepository& companies();
  directory::DirectoryRepository& directory();
  invitation::InvitationRepository& invitations();
  auth::SessionRepository& sessions();
  outbox::OutboxRepository& outbox();
  ClockStore& clock_store();
  // Readiness: kUnavailable when the database does not answer SELECT 1.
  Status Ping();
  std::string path() const;
  // The connection, for tools (migrate, checkpoint) and tests.
  Database& database() { return *db_; }

 private:
  explicit SqlStorage(std::unique_ptr<Database> db);

  std::unique_ptr<Database> db_;
  std::unique_ptr<SqlCompanyRepository> companies_;
  std::unique_ptr<SqlDirectoryRepository> directory_;
  std::unique_ptr<SqlInvitationRepository> invitations_;
  std::unique_ptr<SqlSessionRepository> sessions_;
  std::unique_ptr<SqlOutboxRepository> outbox_;
  std::unique_ptr<SqlClockStore> clock_store_;
};

}  // namespace usher::storage::sql
