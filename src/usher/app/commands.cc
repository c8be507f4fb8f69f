#include "usher/app/commands.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <nlohmann/json.hpp>

#include "usher/app/demo.h"
#include "usher/app/storage.h"
#include "usher/company/service.h"
#include "usher/importer/import.h"
#include "usher/invitation/service.h"

namespace usher::app {
namespace {

using nlohmann::json;

void Print(const json& j) { std::cout << j.dump(2) << std::endl; }

}  // namespace

Status RunMigrate(const std::string& db) {
  auto storage = OpenStorage(db);  // opening migrates
  if (!storage) return Fail(storage.error());
  Print({{"migrated", true}});
  return Ok();
}

Status RunCompanyCreate(const CompanyCreateArgs& args) {
  auto storage = OpenStorage(args.db);
  if (!storage) return Fail(storage.error());
  SystemClock clock;
  const Languages languages = Languages::Default();
  company::CompanyService service(clock, (*storage)->companies(), languages);
  company::NewCompany input;
  input.name = args.name;
  input.admin_email = args.admin_email;
  input.admin_password = args.admin_password;
  input.settings.default_region = args.region;
  input.settings.timezone = args.timezone;
  input.settings.default_language = args.language;
  auto created = service.Create(input);
  if (!created) return Fail(created.error());
  Print({{"company_id", created->company.id}, {"admin_id", created->admin.id}});
  return Ok();
}

Status RunDemo(const std::string& db) {
  auto storage = OpenStorage(db);
  if (!storage) return Fail(storage.error());
  SystemClock clock;
  const Languages languages = Languages::Default();
  auto demo = EnsureDemo(**storage, clock, languages);
  if (!demo) return Fail(demo.error());
  json stores = json::array(), groups = json::array();
  for (const auto& s : demo->stores) {
    stores.push_back({{"id", s.id}, {"name", s.name}, {"code", s.code ? json(*s.code) : json()}});
  }
  for (const auto& g : demo->user_groups) groups.push_back({{"id", g.id}, {"name", g.name}});
  Print({{"company_id", demo->company_id},
         {"company", kDemoCompany},
         {"created", demo->created},
         {"admin_email", kDemoAdminEmail},
         {"admin_password", kDemoAdminPassword},
         {"stores", stores},
         {"user_groups", groups}});
  return Ok();
}

Status RunPurge(const std::string& db, bool dry_run) {
  auto storage = OpenStorage(db);
  if (!storage) return Fail(storage.error());
  SystemClock clock;
  if (dry_run) {
    auto ids = (*storage)->invitations().ListExpired(clock.Now(), 1'000'000);
    if (!ids) return Fail(ids.error());
    Print({{"dry_run", true}, {"would_erase", ids->size()}, {"invitation_ids", *ids}});
    return Ok();
  }
  const Languages languages = Languages::Default();
  invitation::InvitationService service({clock, (*storage)->companies(), (*storage)->directory(),
                                         (*storage)->invitations(), languages});
  auto erased = service.EraseExpired();
  if (!erased) return Fail(erased.error());
  Print({{"dry_run", false}, {"erased", *erased}});
  return Ok();
}

Status RunImport(const std::string& db, const std::string& company_id, const std::string& file,
                 bool dry_run) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(ErrorKind::kInvalid, "file_unreadable", "Cannot read " + file + ".");
  std::ostringstream csv;
  csv << in.rdbuf();
  auto storage = OpenStorage(db);
  if (!storage) return Fail(storage.error());
  auto company = (*storage)->companies().Get(company_id);
  if (!company) {
    return Fail(ErrorKind::kInvalid, "unknown_company",
                "No company " + company_id + "; see the company_id printed by `usher demo`.");
  }
  SystemClock clock;
  const Languages languages = Languages::Default();
  invitation::InvitationService invitations({clock, (*storage)->companies(),
                                             (*storage)->directory(), (*storage)->invitations(),
                                             languages});
  importer::ImportService importer((*storage)->directory(), invitations);
  auto report = importer.Import({company_id, "cli"}, csv.str(), dry_run, true);
  if (!report) return Fail(report.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : report->rows) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : row.errors) errors.push_back({{"field", e.field}, {"code", e.code}});
    rows.push_back({{"row", row.row}, {"errors", errors}});
  }
  Print({{"dry_run", dry_run},
         {"valid", report->valid},
         {"invalid", report->invalid},
         {"invited", report->invited},
         {"rows", rows}});
  return Ok();
}

}  // namespace usher::app
