// The demo company "Demo Retail" for `usher demo` and `make run`: stores, user groups and
// an admin with a known password. Idempotent: running it again completes what is missing
// and changes nothing else.
#pragma once

#include <string>
#include <vector>

#include "usher/app/storage.h"
#include "usher/base/clock.h"
#include "usher/base/languages.h"
#include "usher/directory/directory.h"

namespace usher::app {

inline constexpr const char* kDemoCompany = "Demo Retail";
inline constexpr const char* kDemoAdminEmail = "admin@demo-retail.example";
inline constexpr const char* kDemoAdminPassword = "demo-retail-2026";

struct Demo {
  std::string company_id;
  bool created = false;  // false when it existed already
  std::vector<directory::Store> stores;
  std::vector<directory::UserGroup> user_groups;
};

Result<Demo> EnsureDemo(Storage& storage, const Clock& clock, const Languages& languages);

}  // namespace usher::app
