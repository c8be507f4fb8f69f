#include "usher/directory/service.h"

#include "usher/base/text.h"
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

Result<Store> DirectoryService::CreateStore(const std::string& company_id,
                                            const std::string& name,
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

}  // namespace usher::directory
