// Stores and user groups of the company: list, add, delete a store (R13 guard).
#include "usher/web/cms_common.h"

namespace usher::web::cms {
namespace {

// The field errors of a failed create: the rules broken (kInvalid) or a taken name.
std::optional<std::vector<FieldError>> CreateErrors(const Error& e) {
  if (e.kind == ErrorKind::kInvalid && !e.fields.empty()) return e.fields;
  if (e.kind == ErrorKind::kConflict) {
    if (!e.fields.empty()) return e.fields;
    return std::vector<FieldError>{{"name", e.code}};
  }
  return std::nullopt;
}

struct StoreInput {
  std::string name, code;
};

http::Response StoresPage(http::Request& req, Visit& v, const StoreInput& input, int status,
                          const std::vector<FieldError>& errors, const std::string& alert = "") {
  auto stores = v.cms.s.directory.ListStores(v.admin.company.id);
  if (!stores) return ErrorPage(v, stores.error());
  json m = v.Model(req, "stores", v.T("stores.title"));
  const auto by_field = AddErrors(v, m, errors);
  if (!alert.empty()) m["alert"] = alert;
  json rows = json::array();
  for (const auto& s : *stores) {
    rows.push_back({{"id", s.id}, {"name", s.name}, {"code", s.code.value_or("")}});
  }
  m["rows"] = rows;
  m["has_rows"] = !rows.empty();
  std::vector<Field> fields = {
      Field::Input("name", "text", v.T("stores.name"), input.name).Required(),
      Field::Input("code", "text", v.T("stores.code"), input.code)
          .WithHint(v.T("stores.code_hint"))};
  m["fields_html"] = FieldsHtml(v, fields, by_field);
  for (const char* key :
       {"name", "code", "actions", "delete", "empty", "add_title", "add", "caption"}) {
    m["label_" + std::string(key)] = v.T("stores." + std::string(key));
  }
  return v.Render(status, "cms_stores", m);
}

http::Response GroupsPage(http::Request& req, Visit& v, const std::string& name, int status,
                          const std::vector<FieldError>& errors) {
  auto groups = v.cms.s.directory.ListGroups(v.admin.company.id);
  if (!groups) return ErrorPage(v, groups.error());
  json m = v.Model(req, "groups", v.T("groups.title"));
  const auto by_field = AddErrors(v, m, errors);
  json rows = json::array();
  for (const auto& g : *groups) rows.push_back({{"id", g.id}, {"name", g.name}});
  m["rows"] = rows;
  m["has_rows"] = !rows.empty();
  m["intro"] = v.T("groups.intro");
  std::vector<Field> fields = {Field::Input("name", "text", v.T("groups.name"), name).Required()};
  m["fields_html"] = FieldsHtml(v, fields, by_field);
  for (const char* key : {"name", "empty", "add_title", "add", "caption"}) {
    m["label_" + std::string(key)] = v.T("groups." + std::string(key));
  }
  return v.Render(status, "cms_groups", m);
}

int StatusOf(const Error& e) { return e.kind == ErrorKind::kConflict ? 409 : 422; }

}  // namespace

void AddDirectoryPages(http::Router& router, const CmsPtr& cms) {
  router.Add("GET", "/cms/stores", AdminPage(cms, [](http::Request& req, Visit& v) {
               return StoresPage(req, v, {}, 200, {});
             }));
  router.Add("POST", "/cms/stores", AdminPage(cms, [](http::Request& req, Visit& v) {
               const StoreInput input{v.form.Get("name"), v.form.Get("code")};
               std::optional<std::string> code;
               if (input.code.find_first_not_of(" \t") != std::string::npos) code = input.code;
               auto store = v.cms.s.directory.CreateStore(v.admin.company.id, input.name, code);
               if (store) return SeeOther("/cms/stores?notice=store_added");
               auto errors = CreateErrors(store.error());
               if (!errors) return ErrorPage(v, store.error());
               return StoresPage(req, v, input, StatusOf(store.error()), *errors);
             }));
  router.Add("POST", "/cms/stores/{id}/delete", AdminPage(cms, [](http::Request& req, Visit& v) {
               auto ok = v.cms.s.directory.DeleteStore(v.admin.company.id, req.Param("id"));
               if (ok) return SeeOther("/cms/stores?notice=store_deleted");
               if (ok.error().code == "store_required_by_manager") {
                 return StoresPage(
                     req, v, {}, 409, {},
                     ErrorText(v.cms.pages, v.lang, {"", "store_required_by_manager"}));
               }
               return ErrorPage(v, ok.error());
             }));
  router.Add("GET", "/cms/groups", AdminPage(cms, [](http::Request& req, Visit& v) {
               return GroupsPage(req, v, "", 200, {});
             }));
  router.Add("POST", "/cms/groups", AdminPage(cms, [](http::Request& req, Visit& v) {
               const std::string name = v.form.Get("name");
               auto group = v.cms.s.directory.CreateGroup(v.admin.company.id, name);
               if (group) return SeeOther("/cms/groups?notice=group_added");
               auto errors = CreateErrors(group.error());
               if (!errors) return ErrorPage(v, group.error());
               return GroupsPage(req, v, name, StatusOf(group.error()), *errors);
             }));
}

}  // namespace usher::web::cms
