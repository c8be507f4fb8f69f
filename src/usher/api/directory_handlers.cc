// Reference data: stores, user groups, company settings, languages.
#include "usher/api/api.h"
#include "usher/api/views.h"
#include "usher/http/json_input.h"
#include "usher/http/problem.h"

namespace usher::api {
namespace {

using nlohmann::json;

template <typename T, typename F>
http::Response Items(const Result<std::vector<T>>& list, F to_json) {
  if (!list) return http::Problem(list.error());
  json items = json::array();
  for (const auto& x : *list) items.push_back(to_json(x));
  return http::JsonResponse(200, {{"items", items}});
}

http::Response PatchCompany(Services& s, http::Request& req, const auth::AdminLogin& admin) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error());
  http::Fields f(
      *body, {"validity_days", "reminder_days", "default_region", "timezone", "default_language"});
  company::Settings settings = admin.company.settings;
  if (auto v = f.Int("validity_days")) {
    settings.validity_days = static_cast<int>(std::clamp<long long>(*v, -1, 100000));
  }
  if (auto v = f.Ints("reminder_days")) settings.reminder_days = *v;
  if (auto v = f.String("default_region")) settings.default_region = *v;
  if (auto v = f.String("timezone")) settings.timezone = *v;
  if (auto v = f.String("default_language")) settings.default_language = *v;
  if (auto ok = f.Finish(); !ok) return http::Problem(ok.error());
  auto updated = s.companies.UpdateSettings(admin.company.id, settings);
  if (!updated) return http::Problem(updated.error());
  return http::JsonResponse(200, CompanyJson(*updated));
}

}  // namespace

void AddDirectoryRoutes(http::Router& router, Services& s) {
  router.Add("GET", "/api/v1/languages", [&s](http::Request&) {
    json items = json::array();
    for (const auto& l : s.languages.list()) items.push_back({{"code", l.code}, {"name", l.name}});
    return http::JsonResponse(200, {{"items", items}});
  });

  router.Add("GET", "/api/v1/stores",
             AdminOnly(s, [&s](http::Request&, const auth::AdminLogin& admin) {
               return Items(s.directory.ListStores(admin.company.id), StoreJson);
             }));
  router.Add("POST", "/api/v1/stores",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto body = http::ParseJsonObject(req);
               if (!body) return http::Problem(body.error());
               http::Fields f(*body, {"name", "code"});
               const auto name = f.String("name").value_or("");
               const auto code = f.String("code");
               if (auto ok = f.Finish(); !ok) return http::Problem(ok.error());
               auto store = s.directory.CreateStore(admin.company.id, name, code);
               if (!store) return http::Problem(store.error());
               return http::JsonResponse(201, StoreJson(*store));
             }));
  router.Add("DELETE", "/api/v1/stores/{id}",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto ok = s.directory.DeleteStore(admin.company.id, req.Param("id"));
               return ok ? http::NoContent() : http::Problem(ok.error());
             }));

  router.Add("GET", "/api/v1/user-groups",
             AdminOnly(s, [&s](http::Request&, const auth::AdminLogin& admin) {
               return Items(s.directory.ListGroups(admin.company.id), GroupJson);
             }));
  router.Add("POST", "/api/v1/user-groups",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto body = http::ParseJsonObject(req);
               if (!body) return http::Problem(body.error());
               http::Fields f(*body, {"name"});
               const auto name = f.String("name").value_or("");
               if (auto ok = f.Finish(); !ok) return http::Problem(ok.error());
               auto group = s.directory.CreateGroup(admin.company.id, name);
               if (!group) return http::Problem(group.error());
               return http::JsonResponse(201, GroupJson(*group));
             }));

  router.Add("GET", "/api/v1/company",
             AdminOnly(s, [](http::Request&, const auth::AdminLogin& admin) {
               return http::JsonResponse(200, CompanyJson(admin.company));
             }));
  router.Add("PATCH", "/api/v1/company",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               return PatchCompany(s, req, admin);
             }));
}

}  // namespace usher::api
