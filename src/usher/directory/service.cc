#include "usher/directory/service.h"

#include "usher/base/text.h"
#include "usher/contact/phone.h"
#include "usher/directory/rules.h"
#include "usher/security/random.h"

namespace usher::directory {

Result<std::string> CleanName(const std::string& field, const std::string& raw) {
  if (!text::IsValidUtf8(raw)) return Fail(ValidationError({{field, "invalid"}}));
  std::string name = text::Clean(raw);
  if (name.empty()) return Fail(ValidationError({{field, "required"}}));
  if (text::HasControlCharacters(name)) return Fail(ValidationError({{field, "invalid"}}));
  if (text::Length(name) > 100) return Fail(ValidationError({{field, "too_long"}}));
  return name;
}

Result<Store> DirectoryService::CreateStore(const std::string& company_id, const std::string& name,
                                            const std::optional<std::string>& code) {
  auto clean = CleanName("name", name);
  if (!clean) return Fail(clean.error());
  Store store{security::NewId(), company_id, *clean, std::nullopt};
  if (code) {
    auto c = CleanName("code", *code);
    if (!c) return Fail(c.error());
    if (text::Length(*c) > 32) return Fail(ValidationError({{"code", "too_long"}}));
    store.code = *c;
  }
  USHER_RETURN_IF_ERROR(repo_.CreateStore(store));
  return store;
}

Result<std::vector<Store>> DirectoryService::ListStores(const std::string& company_id) {
  return repo_.ListStores(company_id);
}

Status DirectoryService::DeleteStore(const std::string& company_id, const std::string& store_id) {
  return repo_.DeleteStore(company_id, store_id);
}

Result<UserGroup> DirectoryService::CreateGroup(const std::string& company_id,
                                                const std::string& name) {
  auto clean = CleanName("name", name);
  if (!clean) return Fail(clean.error());
  UserGroup group{security::NewId(), company_id, *clean};
  USHER_RETURN_IF_ERROR(repo_.CreateGroup(group));
  return group;
}

Result<std::vector<UserGroup>> DirectoryService::ListGroups(const std::string& company_id) {
  return repo_.ListGroups(company_id);
}

Result<User> DirectoryService::GetUser(const std::string& company_id, const std::string& user_id) {
  return repo_.GetUser(company_id, user_id);
}

Result<Page<User>> DirectoryService::ListUsers(const std::string& company_id, UserQuery query,
                                               const std::string& region) {
  query.q = text::IsValidUtf8(query.q) ? text::Clean(query.q) : std::string();
  if (!query.q.empty()) query.q = contact::PhoneSearchKey(query.q, region);
  return repo_.ListUsers(company_id, query);
}

Result<User> DirectoryService::UpdateUser(const std::string& company_id, const std::string& user_id,
                                          const UserPatch& patch) {
  auto user = repo_.GetUser(company_id, user_id);
  if (!user) return Fail(user.error());
  std::vector<FieldError> errors;
  if (patch.role) {
    const auto role = ParseRole(*patch.role);
    if (role) {
      user->role = *role;
    } else {
      errors.push_back({"role", "invalid"});
    }
  }
  if (patch.store_ids) user->store_ids = SortedUnique(*patch.store_ids);
  if (patch.user_group_ids) user->user_group_ids = SortedUnique(*patch.user_group_ids);
  auto stores = repo_.ExistingStoreIds(company_id, user->store_ids);
  if (!stores) return Fail(stores.error());
  auto groups = repo_.ExistingGroupIds(company_id, user->user_group_ids);
  if (!groups) return Fail(groups.error());
  CheckMembership(user->role, user->store_ids, user->user_group_ids, *stores, *groups, errors);
  if (patch.job_position) {
    user->job_position = *patch.job_position ? CheckText("job_position", **patch.job_position,
                                                         kMaxJobPosition, false, errors)
                                             : std::nullopt;
  }
  if (patch.external_id) {
    user->external_id = *patch.external_id ? CheckText("external_id", **patch.external_id,
                                                       kMaxExternalId, false, errors)
                                           : std::nullopt;
    if (user->external_id) {
      auto taken = repo_.ExternalIdTaken(company_id, *user->external_id, user_id);
      if (!taken) return Fail(taken.error());
      if (*taken) errors.push_back({"external_id", "taken"});
    }
  }
  if (!errors.empty()) return Fail(ValidationError(std::move(errors)));
  USHER_RETURN_IF_ERROR(repo_.UpdateUserProfile(*user));
  return repo_.GetUser(company_id, user_id);
}

}  // namespace usher::directory
