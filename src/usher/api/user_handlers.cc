// /api/v1/users: the company's users, invited and active (R13 on edit).
#include "usher/api/api.h"
#include "usher/api/views.h"
#include "usher/http/json_input.h"
#include "usher/http/problem.h"

namespace usher::api {
namespace {

using nlohmann::json;

http::Response ListUsers(Services& s, http::Request& req, const auth::AdminLogin& admin) {
  directory::UserQuery q;
  std::vector<FieldError> errors;
  if (const auto& status = req.Query("status"); !status.empty()) {
    q.status = directory::ParseUserStatus(status);
    if (!q.status) errors.push_back({"status", "invalid"});
  }
  q.q = req.Query("q");
  if (q.q.size() > 200) errors.push_back({"q", "too_long"});
  q.limit = QueryLimit(req, q.limit, errors);
  q.cursor = req.Query("cursor");
  if (!errors.empty()) return http::Problem(ValidationError(std::move(errors)));
  auto page = s.directory.ListUsers(admin.company.id, q, admin.company.settings.default_region);
  if (!page) return http::Problem(page.error());
  json items = json::array();
  for (const auto& u : page->items) items.push_back(UserJson(u));
  return http::JsonResponse(
      200, {{"items", items}, {"next_cursor", OrNull(page->next_cursor)}, {"total", page->total}});
}

http::Response PatchUser(Services& s, http::Request& req, const auth::AdminLogin& admin) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error());
  http::Fields f(*body, {"role", "store_ids", "user_group_ids", "job_position", "external_id"});
  directory::UserPatch p;
  p.role = f.String("role");
  p.store_ids = f.Strings("store_ids");
  p.user_group_ids = f.Strings("user_group_ids");
  p.job_position = f.NullableString("job_position");
  p.external_id = f.NullableString("external_id");
  if (auto ok = f.Finish(); !ok) return http::Problem(ok.error());
  auto user = s.directory.UpdateUser(admin.company.id, req.Param("id"), p);
  if (!user) return http::Problem(user.error());
  return http::JsonResponse(200, UserJson(*user));
}

}  // namespace

void AddUserRoutes(http::Router& router, Services& s) {
  router.Add("GET", "/api/v1/users",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               return ListUsers(s, req, admin);
             }));
  router.Add("GET", "/api/v1/users/{id}",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto user = s.directory.GetUser(admin.company.id, req.Param("id"));
               if (!user) return http::Problem(user.error());
               return http::JsonResponse(200, UserJson(*user));
             }));
  router.Add("PATCH", "/api/v1/users/{id}",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               return PatchUser(s, req, admin);
             }));
}

}  // namespace usher::api
