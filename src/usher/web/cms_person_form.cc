#include "usher/web/cms_person_form.h"

namespace usher::web::cms {
namespace {

std::optional<std::string> Optional(const std::string& s) {
  if (s.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return s;
}

// The person fields a new invitation and a correction both carry, every one of them set;
// blank optional fields become absent.
template <typename Out>
Out WithPersonFields(const PersonValues& v) {
  Out out;
  out.first_name = v.first_name;
  out.last_name = v.last_name;
  out.email = Optional(v.email);
  out.phone = Optional(v.phone);
  out.job_position = Optional(v.job_position);
  out.external_id = Optional(v.external_id);
  out.role = v.role;
  out.store_ids = v.store_ids;
  out.user_group_ids = v.user_group_ids;
  out.language = v.language;
  return out;
}

}  // namespace

PersonValues ValuesFromForm(const Form& form) {
  PersonValues v;
  v.first_name = form.Get("first_name");
  v.last_name = form.Get("last_name");
  v.email = form.Get("email");
  v.phone = form.Get("phone");
  v.job_position = form.Get("job_position");
  v.external_id = form.Get("external_id");
  v.role = form.Get("role");
  v.store_ids = form.All("store_ids");
  v.user_group_ids = form.All("user_group_ids");
  v.language = form.Get("language");
  v.agreement_accepted = form.Get("agreement_accepted") == "true";
  return v;
}

PersonValues ValuesFromUser(const directory::User& u) {
  PersonValues v;
  v.first_name = u.first_name;
  v.last_name = u.last_name;
  v.email = u.email.value_or("");
  v.phone = u.phone.value_or("");
  v.job_position = u.job_position.value_or("");
  v.external_id = u.external_id.value_or("");
  v.role = directory::ToString(u.role);
  v.store_ids = u.store_ids;
  v.user_group_ids = u.user_group_ids;
  v.language = u.language;
  return v;
}

invitation::InviteForm ToInviteForm(const PersonValues& v) {
  auto f = WithPersonFields<invitation::InviteForm>(v);
  f.agreement_accepted = v.agreement_accepted;
  return f;
}

invitation::InvitationPatch ToPatch(const PersonValues& v) {
  return WithPersonFields<invitation::InvitationPatch>(v);
}

std::optional<std::vector<FieldError>> PersonFormErrors(const Error& e) {
  if ((e.kind == ErrorKind::kInvalid || e.kind == ErrorKind::kConflict) && !e.fields.empty()) {
    return e.fields;
  }
  return std::nullopt;
}

Status AddPersonFields(const Visit& v, json& m, const PersonValues& values, bool with_agreement,
                       const std::vector<FieldError>& errors) {
  auto stores = v.cms.s.directory.ListStores(v.admin.company.id);
  if (!stores) return Fail(stores.error());
  auto groups = v.cms.s.directory.ListGroups(v.admin.company.id);
  if (!groups) return Fail(groups.error());
  const auto by_field = AddErrors(v, m, errors);
  const std::string language =
      values.language.empty() ? v.Settings().default_language : values.language;
  std::vector<Field> fields = {
      Field::Input("first_name", "text", v.T("person.first_name"), values.first_name)
          .Required()
          .WithAutocomplete("off"),
      Field::Input("last_name", "text", v.T("person.last_name"), values.last_name)
          .Required()
          .WithAutocomplete("off"),
      Field::Input("email", "email", v.T("person.email"), values.email)
          .WithHint(v.T("person.email_hint"))
          .WithAutocomplete("off"),
      Field::Input("phone", "tel", v.T("person.phone"), values.phone)
          .WithHint(v.T("person.phone_hint", {{"region", v.Settings().default_region}}))
          .WithAutocomplete("off"),
      Field::Input("job_position", "text", v.T("person.job_position"), values.job_position)
          .WithHint(v.T("person.optional"))
          .WithAutocomplete("off"),
      Field::Input("external_id", "text", v.T("person.external_id"), values.external_id)
          .WithHint(v.T("person.external_id_hint"))
          .WithAutocomplete("off"),
      Field::Select("role", v.T("person.role"),
                    {{"user", v.T("role.user"), values.role != "manager"},
                     {"manager", v.T("role.manager"), values.role == "manager"}}),
      Field::Select("store_ids", v.T("person.stores"), StoreOptions(*stores, values.store_ids),
                    true)
          .WithHint(v.T("person.stores_hint")),
      Field::Select("user_group_ids", v.T("person.groups"),
                    GroupOptions(*groups, values.user_group_ids), true)
          .WithHint(v.T("person.groups_hint"))
          .Required(),
      Field::Select("language", v.T("person.language"), LanguageOptions(v, language))
          .WithHint(v.T("person.language_hint"))
          .Required()};
  if (with_agreement) {
    fields.push_back(
        Field::Checkbox("agreement_accepted", v.T("person.agreement"), values.agreement_accepted)
            .Required());
  }
  m["fields_html"] = FieldsHtml(v, fields, by_field);
  return Ok();
}

}  // namespace usher::web::cms
