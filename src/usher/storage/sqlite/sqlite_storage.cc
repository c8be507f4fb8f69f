#include "usher/storage/sqlite/sqlite_storage.h"

#include "usher/storage/sqlite/clock_store.h"
#include "usher/storage/sqlite/company_repository.h"
#include "usher/storage/sqlite/database.h"
#include "usher/storage/sqlite/directory_repository.h"
#include "usher/storage/sqlite/invitation_repository.h"
#include "usher/storage/sqlite/outbox_repository.h"
#include "usher/storage/sqlite/session_repository.h"

namespace usher::storage::sqlite {

SqliteStorage::SqliteStorage(std::unique_ptr<Database> db)
    : db_(std::move(db)),
      companies_(std::make_unique<SqliteCompanyRepository>(*db_)),
      directory_(std::make_unique<SqliteDirectoryRepository>(*db_)),
      invitations_(std::make_unique<SqliteInvitationRepository>(*db_)),
      sessions_(std::make_unique<SqliteSessionRepository>(*db_)),
      outbox_(std::make_unique<SqliteOutboxRepository>(*db_)),
      clock_store_(std::make_unique<SqlClockStore>(*db_)) {}

SqliteStorage::~SqliteStorage() = default;

Result<std::unique_ptr<SqliteStorage>> SqliteStorage::Open(const std::string& path) {
  const bool postgres = path.starts_with("postgresql://") || path.starts_with("postgres://") ||
                        path.starts_with("host=") || path.starts_with("dbname=");
  auto db = postgres ? Database::OpenPostgres(path) : Database::Open(path);
  if (!db) return Fail(db.error());
  auto migrated = (*db)->Migrate();
  if (!migrated) return Fail(migrated.error());
  // Leftovers of a previous run's erasures are flushed out of the WAL (R8); best effort.
  (void)(*db)->CheckpointWal();
  return std::unique_ptr<SqliteStorage>(new SqliteStorage(std::move(*db)));
}

company::CompanyRepository& SqliteStorage::companies() { return *companies_; }
directory::DirectoryRepository& SqliteStorage::directory() { return *directory_; }
invitation::InvitationRepository& SqliteStorage::invitations() { return *invitations_; }
auth::SessionRepository& SqliteStorage::sessions() { return *sessions_; }
outbox::OutboxRepository& SqliteStorage::outbox() { return *outbox_; }
ClockStore& SqliteStorage::clock_store() { return *clock_store_; }
Status SqliteStorage::Ping() { return db_->Ping(); }
std::string SqliteStorage::path() const { return db_->path(); }

}  // namespace usher::storage::sqlite
