// A company (tenant), its settings, and its CMS administrators.
#pragma once

#include <string>
#include <vector>

#include "usher/base/time.h"

namespace usher::company {

// Company settings that drive the invitation rules (SPEC R4, R7, R1 phone region).
struct Settings {
  int validity_days = 60;                                        // R4
  std::vector<int> reminder_days = {3, 10, 20, 30, 45, 53, 57};  // R7, ascending
  std::string default_region = "BE";                             // ISO 3166 alpha-2, for phones
  std::string timezone = "Europe/Brussels";                      // IANA, for display
  std::string default_language = "en";
  friend bool operator==(const Settings&, const Settings&) = default;
};

struct Company {
  std::string id;
  std::string name;
  Settings settings;
  Time created_at;
};

struct Admin {
  std::string id;
  std::string company_id;
  std::string email;          // lower-cased; unique across companies (it is the login)
  std::string password_hash;  // Argon2id, encoded
  std::string language = "en";
  Time created_at;
};

// The version of the user agreement an admin accepts when inviting (SPEC R1).
inline constexpr int kAgreementVersion = 1;

}  // namespace usher::company
