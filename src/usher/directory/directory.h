// The people and places of a company: stores, user groups, users (SPEC terms).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "usher/base/time.h"

namespace usher::directory {

struct Store {
  std::string id;
  std::string company_id;
  std::string name;
  std::optional<std::string> code;
  friend bool operator==(const Store&, const Store&) = default;
};

struct UserGroup {
  std::string id;
  std::string company_id;
  std::string name;
  friend bool operator==(const UserGroup&, const UserGroup&) = default;
};

enum class Role { kUser, kManager };
enum class UserStatus { kInvited, kActive };

const char* ToString(Role r);
const char* ToString(UserStatus s);
std::optional<Role> ParseRole(const std::string& s);
std::optional<UserStatus> ParseUserStatus(const std::string& s);

// An employee. Names, e-mail, phone and job position are personal data: never logged,
// erased with an expired invitation (R8).
struct User {
  std::string id;
  std::string company_id;
  UserStatus status = UserStatus::kInvited;
  std::string first_name;
  std::string last_name;
  std::optional<std::string> email;  // as entered, domain lower-cased
  std::optional<std::string> phone;  // E.164
  std::optional<std::string> job_position;
  std::optional<std::string> external_id;
  Role role = Role::kUser;
  std::string language;                      // invitation language, later the app language
  bool language_confirmed = false;           // chosen in the app (R13 onboarding)
  std::vector<std::string> store_ids;        // sorted
  std::vector<std::string> user_group_ids;   // sorted
  std::optional<std::string> password_hash;  // set at registration
  Time created_at;
  std::optional<Time> activated_at;
  friend bool operator==(const User&, const User&) = default;
};

// The key under which R3 compares e-mail addresses: the whole address, case-insensitive.
std::string EmailKey(const std::string& email);

}  // namespace usher::directory
