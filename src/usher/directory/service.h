// Stores and user groups of a company: create, list, delete (with the R13 guard).
// Thread-safe when the repository is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "usher/directory/repository.h"

namespace usher::directory {

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

 private:
  DirectoryRepository& repo_;
};

// Checks a reference-data name (store or group) and returns it cleaned, or the field error.
Result<std::string> CleanName(const std::string& field, const std::string& raw);

}  // namespace usher::directory
