#include "usher/app/storage.h"

#include "usher/storage/sql/sql_storage.h"

namespace usher::app {
namespace {

class SqlBackend final : public Storage {
 public:
  explicit SqlBackend(std::unique_ptr<storage::sql::SqlStorage> s) : s_(std::move(s)) {}
  company::CompanyRepository& companies() override { return s_->companies(); }
  directory::DirectoryRepository& directory() override { return s_->directory(); }
  invitation::InvitationRepository& invitations() override { return s_->invitations(); }
  auth::SessionRepository& sessions() override { return s_->sessions(); }
  outbox::OutboxRepository& outbox() override { return s_->outbox(); }
  ClockStore& clock_store() override { return s_->clock_store(); }
  Status Ping() override { return s_->Ping(); }

 private:
  std::unique_ptr<storage::sql::SqlStorage> s_;
};

}  // namespace

Result<std::unique_ptr<Storage>> OpenStorage(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite) && url.size() > kSqlite.size()) {
    auto s = storage::sql::SqlStorage::Open(url.substr(kSqlite.size()));
    if (!s) return Fail(s.error());
    return std::unique_ptr<Storage>(std::make_unique<SqlBackend>(std::move(*s)));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto s = storage::sql::SqlStorage::Open(url);
    if (!s) return Fail(s.error());
    return std::unique_ptr<Storage>(std::make_unique<SqlBackend>(std::move(*s)));
  }
  return Fail(ErrorKind::kInvalid, "invalid_db_url",
              "--db must look like sqlite:PATH (e.g. sqlite:usher-data/usher.db) or "
              "postgresql://user:pass@host:port/dbname");
}

}  // namespace usher::app
