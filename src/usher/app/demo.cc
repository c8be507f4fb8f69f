#include "usher/app/demo.h"

#include <algorithm>

#include "usher/company/service.h"
#include "usher/directory/service.h"

namespace usher::app {
namespace {

struct DemoStore {
  const char* name;
  const char* code;
};
constexpr DemoStore kStores[] = {{"Antwerpen Meir", "ANT-01"},
                                 {"Brussel Nieuwstraat", "BRU-01"},
                                 {"Gent Veldstraat", "GNT-01"},
                                 {"Liège Vinâve d'Île", "LIE-01"}};
constexpr const char* kGroups[] = {"Sales floor", "Cashiers", "Store managers", "Warehouse"};

}  // namespace

Result<Demo> EnsureDemo(Storage& storage, const Clock& clock, const Languages& languages) {
  Demo demo;
  auto existing = storage.companies().FindByName(kDemoCompany);
  if (!existing) return Fail(existing.error());
  if (*existing) {
    demo.company_id = (*existing)->id;
  } else {
    company::CompanyService companies(clock, storage.companies(), languages);
    company::NewCompany input;
    input.name = kDemoCompany;
    input.admin_email = kDemoAdminEmail;
    input.admin_password = kDemoAdminPassword;
    auto created = companies.Create(input);
    if (!created) return Fail(created.error());
    demo.company_id = created->company.id;
    demo.created = true;
  }

  directory::DirectoryService directory(storage.directory());
  auto stores = directory.ListStores(demo.company_id);
  if (!stores) return Fail(stores.error());
  for (const auto& s : kStores) {
    const bool have = std::any_of(stores->begin(), stores->end(),
                                  [&](const directory::Store& x) { return x.name == s.name; });
    if (!have) USHER_RETURN_IF_ERROR(directory.CreateStore(demo.company_id, s.name, s.code));
  }
  auto groups = directory.ListGroups(demo.company_id);
  if (!groups) return Fail(groups.error());
  for (const char* g : kGroups) {
    const bool have = std::any_of(groups->begin(), groups->end(),
                                  [&](const directory::UserGroup& x) { return x.name == g; });
    if (!have) USHER_RETURN_IF_ERROR(directory.CreateGroup(demo.company_id, g));
  }
  auto all_stores = directory.ListStores(demo.company_id);
  if (!all_stores) return Fail(all_stores.error());
  auto all_groups = directory.ListGroups(demo.company_id);
  if (!all_groups) return Fail(all_groups.error());
  demo.stores = std::move(*all_stores);
  demo.user_groups = std::move(*all_groups);
  return demo;
}

}  // namespace usher::app
