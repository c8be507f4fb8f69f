// Bulk invite from a CSV file (SPEC R17): every row checked as the invite form (R1) and
// for duplicates (R3, also within the file), reported per row and field; then the valid
// rows invited. Columns: first_name, last_name, email, phone, job_position, external_id,
// role, stores, user_groups, language; stores and groups by name, several separated by
// ';' (or '|'). Thread-safe when the services are.
#pragma once

#include <string>
#include <vector>

#include "usher/directory/repository.h"
#include "usher/invitation/service.h"

namespace usher::importer {

struct RowErrors {
  int row = 0;  // the record's number in the file, the header being 1
  std::vector<FieldError> errors;
};

struct Report {
  int valid = 0;
  int invalid = 0;
  int invited = 0;
  std::vector<RowErrors> rows;  // the rows with errors, in file order
};

class ImportService {
 public:
  ImportService(directory::DirectoryRepository& directory,
                invitation::InvitationService& invitations)
      : directory_(directory), invitations_(invitations) {}

  // Checks every row; unless `dry_run`, invites the valid ones (the admin accepts the user
  // agreement for all of them: `agreement_accepted` must be true, else kInvalid with
  // field agreement_accepted "agreement_required"). kInvalid "invalid_csv" when the file
  // cannot be read or its header lacks a column (field = column, "missing_column") or
  // has an unknown one ("unknown_column").
  Result<Report> Import(const invitation::Actor& actor, const std::string& csv, bool dry_run,
                        bool agreement_accepted);

 private:
  directory::DirectoryRepository& directory_;
  invitation::InvitationService& invitations_;
};

}  // namespace usher::importer
