// The tabs Users (registered users) and Invite user (R1-R4) of user management.
#include "usher/web/cms_common.h"
#include "usher/web/cms_person_form.h"

namespace usher::web::cms {
namespace {

http::Response UsersTab(http::Request& req, Visit& v) {
  auto& s = v.cms.s;
  directory::UserQuery q;
  q.status = directory::UserStatus::kActive;
  q.q = req.Query("q").substr(0, 200);
  q.cursor = req.Query("cursor");
  auto page = s.directory.ListUsers(v.admin.company.id, q, v.Settings().default_region);
  if (!page && page.error().kind == ErrorKind::kInvalid && !q.cursor.empty()) {
    q.cursor.clear();
    page = s.directory.ListUsers(v.admin.company.id, q, v.Settings().default_region);
  }
  if (!page) return ErrorPage(v, page.error());
  auto stores = s.directory.ListStores(v.admin.company.id);
  if (!stores) return ErrorPage(v, stores.error());
  auto groups = s.directory.ListGroups(v.admin.company.id);
  if (!groups) return ErrorPage(v, groups.error());

  json m = v.TabModel(req, "users", v.T("users.title"));
  json rows = json::array();
  for (const auto& u : page->items) {
    rows.push_back({{"name", u.first_name + " " + u.last_name},
                    {"login", u.email.value_or(u.phone.value_or(""))},
                    {"role", v.T(std::string("role.") + directory::ToString(u.role))},
                    {"stores", NamesOf(*stores, u.store_ids)},
                    {"groups", NamesOf(*groups, u.user_group_ids)}});
  }
  m["rows"] = rows;
  m["has_rows"] = !rows.empty();
  m["q"] = q.q;
  m["count"] = v.T("users.count", {{"count", std::to_string(page->total)}});
  if (page->next_cursor) {
    m["next_href"] = "/cms/users?" + QueryString({{"q", q.q}, {"cursor", *page->next_cursor}});
  }
  if (!q.cursor.empty()) m["first_href"] = "/cms/users?" + QueryString({{"q", q.q}});
  m["has_pages"] = m.contains("next_href") || m.contains("first_href");
  for (const char* key : {"search", "search_button", "name", "login", "role", "stores", "groups",
                          "empty", "next", "first", "pages"}) {
    m["label_" + std::string(key)] = v.T("users." + std::string(key));
  }
  return v.Render(200, "cms_users", m);
}

http::Response InviteForm(http::Request& req, Visit& v, const PersonValues& values, int status,
                          const std::vector<FieldError>& errors,
                          const std::string& pending_invitation) {
  json m = v.TabModel(req, "invite", v.T("invite.title"));
  m["intro"] = v.T("invite.intro");
  m["submit"] = v.T("invite.submit");
  m["action"] = "/cms/users/invite";
  if (!pending_invitation.empty()) {
    m["pending_href"] = "/cms/invitations/" + pending_invitation + "/edit";
    m["pending_label"] = v.T("invite.open_pending");
  }
  if (auto ok = AddPersonFields(v, m, values, true, errors); !ok) return ErrorPage(v, ok.error());
  return v.Render(status, "cms_person", m);
}

}  // namespace

void AddUserPages(http::Router& router, const CmsPtr& cms) {
  router.Add("GET", "/cms/users", AdminPage(cms, UsersTab));
  router.Add("GET", "/cms/users/invite", AdminPage(cms, [](http::Request& req, Visit& v) {
               return InviteForm(req, v, PersonValues{}, 200, {}, "");
             }));
  router.Add("POST", "/cms/users/invite", AdminPage(cms, [](http::Request& req, Visit& v) {
               const PersonValues values = ValuesFromForm(v.form);
               auto inv = v.cms.s.invitations.Invite(v.Actor(), ToInviteForm(values));
               if (inv) return SeeOther("/cms/invitations?notice=invited");
               auto errors = PersonFormErrors(inv.error());
               if (!errors) return ErrorPage(v, inv.error());
               const int status = inv.error().kind == ErrorKind::kConflict ? 409 : 422;
               return InviteForm(req, v, values, status, *errors,
                                 inv.error().Detail("invitation_id"));
             }));
}

}  // namespace usher::web::cms
