#include "usher/directory/directory.h"

#include "usher/base/text.h"

namespace usher::directory {

const char* ToString(Role r) { return r == Role::kManager ? "manager" : "user"; }
const char* ToString(UserStatus s) { return s == UserStatus::kActive ? "active" : "invited"; }

std::optional<Role> ParseRole(const std::string& s) {
  if (s == "user") return Role::kUser;
  if (s == "manager") return Role::kManager;
  return std::nullopt;
}

std::optional<UserStatus> ParseUserStatus(const std::string& s) {
  if (s == "invited") return UserStatus::kInvited;
  if (s == "active") return UserStatus::kActive;
  return std::nullopt;
}

std::string EmailKey(const std::string& email) { return text::Fold(email); }

}  // namespace usher::directory
