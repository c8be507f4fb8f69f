// The person form of the CMS: every field of R1 for "Invite user", the same without the
// agreement for correcting a pending invitation (R14). Values are kept as entered.
#pragma once

#include <string>
#include <vector>

#include "usher/web/cms_common.h"

namespace usher::web::cms {

struct PersonValues {
  std::string first_name, last_name, email, phone, job_position, external_id;
  std::string role = "user";
  std::vector<std::string> store_ids, user_group_ids;
  std::string language;
  bool agreement_accepted = false;
};

PersonValues ValuesFromForm(const Form& form);
PersonValues ValuesFromUser(const directory::User& user);
// Blank optional fields become absent (R1).
invitation::InviteForm ToInviteForm(const PersonValues& v);
// Every field set; blank optional fields are cleared (R14).
invitation::InvitationPatch ToPatch(const PersonValues& v);

// The field errors an Invite or Edit failure shows beside the fields: those of a
// validation error and of a duplicate (R3). nullopt for any other failure.
std::optional<std::vector<FieldError>> PersonFormErrors(const Error& e);

// Puts fields_html (and errors_html) for `values` into `m`; the agreement checkbox only
// when `with_agreement`. Reads the company's stores and groups for the multi-selects.
Status AddPersonFields(const Visit& v, json& m, const PersonValues& values, bool with_agreement,
                       const std::vector<FieldError>& errors);

}  // namespace usher::web::cms
