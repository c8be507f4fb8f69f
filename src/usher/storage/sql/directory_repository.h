// DirectoryRepository over the SQLite database (see usher/directory/repository.h for the
// contract). Store/group ids that are not the company's are never linked to its users.
// Thread-safe through Database.
#pragma once

#include "usher/directory/repository.h"
#include "usher/storage/sql/database.h"

namespace usher::storage::sql {

class SqlDirectoryRepository final : public directory::DirectoryRepository {
 public:
  // `db` must outlive this object.
  explicit SqlDirectoryRepository(Database& db) : db_(db) {}

  Status CreateStore(const directory::Store& store) override;
  Result<std::vector<directory::Store>> ListStores(const std::string& company_id) override;
  Status DeleteStore(const std::string& company_id, const std::string& store_id) override;
  Status CreateGroup(const directory::UserGroup& group) override;
  Result<std::vector<directory::UserGroup>> ListGroups(const std::string& company_id) override;
  Result<std::set<std::string>> ExistingStoreIds(const std::string& company_id,
                                                 const std::vector<std::string>& ids) override;
  Result<std::set<std::string>> ExistingGroupIds(const std::string& company_id,
                                                 const std::vector<std::string>& ids) override;

  Result<directory::User> GetUser(const std::string& company_id,
                                  const std::string& user_id) override;
  Result<std::optional<directory::User>> FindUserByEmail(const std::string& company_id,
                                                         const std::string& email) override;
  Result<std::optional<directory::User>> FindUserByPhone(const std::string& company_id,
                                                         const std::string& phone) override;
  Result<std::vector<directory::User>> FindUsersByEmail(const std::string& email) override;
  Result<std::vector<directory::User>> FindUsersByPhone(const std::string& phone) override;
  Result<bool> ExternalIdTaken(const std::string& company_id, const std::string& external_id,
                               const std::string& except_user_id) override;
  // A page of at most 200 users (limit is clamped to 1..200).
  Result<directory::Page<directory::User>> ListUsers(const std::string& company_id,
                                                     const directory::UserQuery& q) override;
  // Also replaces language_confirmed. kInvalid "validation" for a store/group id that is
  // not the company's.
  Status UpdateUserProfile(const directory::User& user) override;

 private:
  Database& db_;
};

}  // namespace usher::storage::sql
