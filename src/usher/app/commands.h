// One function per subcommand. Each prints its result on stdout (JSON where API.md says
// so) and returns an Error that cli.cc turns into a message and exit status.
#pragma once

#include <string>

#include "usher/base/result.h"

namespace usher::app {

struct CompanyCreateArgs {
  std::string db;
  std::string name;
  std::string admin_email;
  std::string admin_password;
  std::string region = "BE";
  std::string timezone = "Europe/Brussels";
  std::string language = "en";
};

Status RunMigrate(const std::string& db);
Status RunCompanyCreate(const CompanyCreateArgs& args);
Status RunDemo(const std::string& db);
Status RunPurge(const std::string& db, bool dry_run);
// R17: checks (and unless dry_run invites) the rows of `file` for the company; prints the
// report as JSON. The user agreement is accepted on the operator's behalf.
Status RunImport(const std::string& db, const std::string& company_id, const std::string& file,
                 bool dry_run);

}  // namespace usher::app
