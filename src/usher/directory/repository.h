// Persistence of stores, user groups and users. Every method is scoped to one company:
// another company's object is reported exactly like a missing one (R15).
// Thread-safe; kUnavailable when the database fails.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "usher/base/result.h"
#include "usher/directory/directory.h"

namespace usher::directory {

struct UserQuery {
  std::optional<UserStatus> status;
  std::string q;  // substring of name, e-mail, phone or external id; "" = all
  int limit = 50;
  std::string cursor;  // from the previous page's next_cursor; "" = first page
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
  long long total = 0;
};

class DirectoryRepository {
 public:
  virtual ~DirectoryRepository() = default;

  // kConflict "name_taken" when the company already has a store of that name.
  virtual Status CreateStore(const Store& store) = 0;
  virtual Result<std::vector<Store>> ListStores(const std::string& company_id) = 0;
  // Deletes the store and its links to users. kNotFound when missing; kConflict
  // "store_required_by_manager" when it is the only store of some manager (R13), checked
  // in the same transaction as the delete.
  virtual Status DeleteStore(const std::string& company_id, const std::string& store_id) = 0;

  // kConflict "name_taken" when the company already has a group of that name.
  virtual Status CreateGroup(const UserGroup& group) = 0;
  virtual Result<std::vector<UserGroup>> ListGroups(const std::string& company_id) = 0;

  // Which of `ids` are stores (groups) of the company.
  virtual Result<std::set<std::string>> ExistingStoreIds(const std::string& company_id,
                                                         const std::vector<std::string>& ids) = 0;
  virtual Result<std::set<std::string>> ExistingGroupIds(const std::string& company_id,
                                                         const std::vector<std::string>& ids) = 0;

  // kNotFound when missing or another company's.
  virtual Result<User> GetUser(const std::string& company_id, const std::string& user_id) = 0;
  // The user of the company with this e-mail (compared by EmailKey) or this E.164 phone.
  virtual Result<std::optional<User>> FindUserByEmail(const std::string& company_id,
                                                      const std::string& email) = 0;
  virtual Result<std::optional<User>> FindUserByPhone(const std::string& company_id,
                                                      const std::string& phone) = 0;
  // Users of every company with this e-mail (compared by EmailKey) or this E.164 phone:
  // the candidates of an app login (R9).
  virtual Result<std::vector<User>> FindUsersByEmail(const std::string& email) = 0;
  virtual Result<std::vector<User>> FindUsersByPhone(const std::string& phone) = 0;
  // True when another user of the company (not `except_user_id`) has this external id.
  virtual Result<bool> ExternalIdTaken(const std::string& company_id,
                                       const std::string& external_id,
                                       const std::string& except_user_id) = 0;
  // Users of the company, ordered by last name, first name, id.
  virtual Result<Page<User>> ListUsers(const std::string& company_id, const UserQuery& q) = 0;
  // Replaces role, stores, groups, job position, external id, language and
  // language_confirmed of a user.
  // kNotFound when missing; kConflict "taken" (field external_id) on a duplicate.
  virtual Status UpdateUserProfile(const User& user) = 0;
};

}  // namespace usher::directory
