// Stores and user groups of a company: create, list, delete (with the R13 guard).
// Thread-safe when the repository is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "usher/directory/repository.h"

namespace usher::directory {

// A correction of a user's profile; absent fields stay. For the nullable fields, an inner
// nullopt clears the value.
struct UserPatch {
  std::optional<std::string> role;
  std::optional<std::vector<std::string>> store_ids;
  std::optional<std::vector<std::string>> user_group_ids;
  std::optional<std::optional<std::string>> job_position;
  std::optional<std::optional<std::string>> external_id;
};

class DirectoryService {
 public:
  explicit DirectoryService(DirectoryRepository& repo) : repo_(repo) {}

  // Name 1..100 characters ("required", "too_long", "invalid"), code at most 32.
  // kConflict "name_taken" (field name) when the company has a store of that name.
  Result<Store> CreateStore(const std::string& company_id, const std::string& name,
                            const std::optional<std::string>& code);
  Result<std::vector<Store>> ListStores(const std::string& company_id);
  // kNotFound; kConflict "store_required_by_manager" (R13).
  Status DeleteStore(const std::string& company_id, const std::string& store_id);

  Result<UserGroup> CreateGroup(const std::string& company_id, const std::string& name);
  Result<std::vector<UserGroup>> ListGroups(const std::string& company_id);

  // kNotFound when missing or another company's.
  Result<User> GetUser(const std::string& company_id, const std::string& user_id);
  // `region`: the company's, to read a phone number in `query.q`.
  Result<Page<User>> ListUsers(const std::string& company_id, UserQuery query,
                               const std::string& region);
  // Changes role, stores, groups, job position, external id (rules.h; R13: a manager keeps
  // a store). kInvalid "validation"; kNotFound.
  Result<User> UpdateUser(const std::string& company_id, const std::string& user_id,
                          const UserPatch& patch);

 private:
  DirectoryRepository& repo_;
};

// Checks a reference-data name (store or group) and returns it cleaned, or the field error.
Result<std::string> CleanName(const std::string& field, const std::string& raw);

}  // namespace usher::directory
