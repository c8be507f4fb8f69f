#include "usher/storage/sql/sql_storage.h"

#include "usher/storage/sql/clock_store.h"
#include "usher/storage/sql/company_repository.h"
#include "usher/storage/sql/database.h"
#include "usher/storage/sql/directory_repository.h"
#include "usher/storage/sql/invitation_repository.h"
#include "usher/storage/sql/outbox_repository.h"
#include "usher/storage/sql/session_repository.h"

namespace usher::storage::sql {

SqlStorage::SqlStorage(std::unique_ptr<Database> db)
    : db_(std::move(db)),
      companies_(std::make_unique<SqlCompanyRepository>(*db_)),
      directory_(std::make_unique<SqlDirectoryRepository>(*db_)),
      invitations_(std::make_unique<SqlInvitationRepository>(*db_)),
      sessions_(std::make_unique<SqlSessionRepository>(*db_)),
      outbox_(std::make_unique<SqlOutboxRepository>(*db_)),
      clock_store_(std::make_unique<SqlClockStore>(*db_)) {}

SqlStorage::~SqlStorage() = default;

Result<std::unique_ptr<SqlStorage>> SqlStorage::Open(const std::string& path) {
  const bool postgres = path.starts_with("postgresql://") || path.starts_with("postgres://") ||
                        path.starts_with("host=") || path.starts_with("dbname=");
  auto db = postgres ? Database::OpenPostgres(path) : Database::Open(path);
  if (!db) return Fail(db.error());
  auto migrated = (*db)->Migrate();
  if (!migrated) return Fail(migrated.error());
  // Leftovers of a previous run's erasures are flushed out of the WAL (R8); best effort.
  (void)(*db)->CheckpointWal();
  return std::unique_ptr<SqlStorage>(new SqlStorage(std::move(*db)));
}

company::CompanyRepository& SqlStorage::companies() { return *companies_; }
directory::DirectoryRepository& SqlStorage::directory() { return *directory_; }
invitation::InvitationRepository& SqlStorage::invitations() { return *invitations_; }
auth::SessionRepository& SqlStorage::sessions() { return *sessions_; }
outbox::OutboxRepository& SqlStorage::outbox() { return *outbox_; }
ClockStore& SqlStorage::clock_store() { return *clock_store_; }
Status SqlStorage::Ping() { return db_->Ping(); }
std::string SqlStorage::path() const { return db_->path(); }

}  // namespace usher::storage::sql
