// Field rules shared by everything that writes a user (the invite form R1, an invitation's
// correction R14, a user's profile): text fields, and store/group membership with the
// manager rule (R13). Pure.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "usher/base/result.h"
#include "usher/directory/directory.h"

namespace usher::directory {

inline constexpr size_t kMaxName = 100;
inline constexpr size_t kMaxJobPosition = 100;
inline constexpr size_t kMaxExternalId = 64;

// Checks one text field: valid UTF-8 and no control characters ("invalid"), trimmed and
// NFC, non-empty when `required` ("required"), at most `max_length` characters
// ("too_long"). Returns the cleaned value, or adds the error and returns nullopt (also
// for a blank optional field).
std::optional<std::string> CheckText(const std::string& field, const std::string& raw,
                                     size_t max_length, bool required,
                                     std::vector<FieldError>& errors);

// The ids sorted, each once.
std::vector<std::string> SortedUnique(std::vector<std::string> ids);

// R1/R13: every store known ("unknown_store" on store_ids), a manager has a store
// ("manager_requires_store"), at least one group ("at_least_one_group"), every group
// known ("unknown_group" on user_group_ids).
void CheckMembership(Role role, const std::vector<std::string>& store_ids,
                     const std::vector<std::string>& group_ids,
                     const std::set<std::string>& known_store_ids,
                     const std::set<std::string>& known_group_ids, std::vector<FieldError>& errors);

// R13: a manager needs at least one store. kInvalid with FieldError
// {"store_ids", "manager_requires_store"} otherwise.
Status CheckManagerHasStore(Role role, const std::vector<std::string>& store_ids);

}  // namespace usher::directory
