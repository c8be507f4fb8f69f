#include "usher/directory/rules.h"

#include <algorithm>

#include "usher/base/text.h"

namespace usher::directory {

std::optional<std::string> CheckText(const std::string& field, const std::string& raw,
                                     size_t max_length, bool required,
                                     std::vector<FieldError>& errors) {
  if (!text::IsValidUtf8(raw)) {
    errors.push_back({field, "invalid"});
    return std::nullopt;
  }
  std::string value = text::Clean(raw);
  if (value.empty()) {
    if (required) errors.push_back({field, "required"});
    return std::nullopt;
  }
  if (text::HasControlCharacters(value)) {
    errors.push_back({field, "invalid"});
    return std::nullopt;
  }
  if (text::Length(value) > max_length) {
    errors.push_back({field, "too_long"});
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> SortedUnique(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

void CheckMembership(Role role, const std::vector<std::string>& store_ids,
                     const std::vector<std::string>& group_ids,
                     const std::set<std::string>& known_store_ids,
                     const std::set<std::string>& known_group_ids,
                     std::vector<FieldError>& errors) {
  for (const auto& id : store_ids) {
    if (!known_store_ids.contains(id)) {
      errors.push_back({"store_ids", "unknown_store"});
      break;
    }
  }
  if (auto manager = CheckManagerHasStore(role, store_ids); !manager) {
    errors.push_back(manager.error().fields.front());
  }
  if (group_ids.empty()) errors.push_back({"user_group_ids", "at_least_one_group"});
  for (const auto& id : group_ids) {
    if (!known_group_ids.contains(id)) {
      errors.push_back({"user_group_ids", "unknown_group"});
      break;
    }
  }
}

Status CheckManagerHasStore(Role role, const std::vector<std::string>& store_ids) {
  if (role == Role::kManager && store_ids.empty()) {
    return Fail(ValidationError({{"store_ids", "manager_requires_store"}}));
  }
  return Ok();
}

}  // namespace usher::directory
