// The public registration API (R10) and the app API (R9, R13).
#include "usher/api/api.h"
#include "usher/api/views.h"
#include "usher/http/json_input.h"
#include "usher/http/problem.h"
#include "usher/security/token.h"

namespace usher::api {
namespace {

using nlohmann::json;

// Registration is rate-limited per client and per link (R15).
Status LimitRegistration(Services& s, const http::Request& req) {
  USHER_RETURN_IF_ERROR(
      s.auth.CheckLimit("registration:ip:" + req.client_ip, auth::kRegistrationPerClient));
  return s.auth.CheckLimit(
      "registration:token:" + security::HashToken(req.Param("token")).substr(0, 32),
      auth::kRegistrationPerToken);
}

json MeJson(Services& s, const directory::User& u) {
  json stores = json::array(), groups = json::array();
  if (auto all = s.directory.ListStores(u.company_id)) {
    for (const auto& st : *all) {
      if (std::binary_search(u.store_ids.begin(), u.store_ids.end(), st.id)) {
        stores.push_back({{"id", st.id}, {"name", st.name}});
      }
    }
  }
  if (auto all = s.directory.ListGroups(u.company_id)) {
    for (const auto& g : *all) {
      if (std::binary_search(u.user_group_ids.begin(), u.user_group_ids.end(), g.id)) {
        groups.push_back({{"id", g.id}, {"name", g.name}});
      }
    }
  }
  return {{"id", u.id},
          {"first_name", u.first_name},
          {"last_name", u.last_name},
          {"role", directory::ToString(u.role)},
          {"language", u.language},
          {"stores", stores},
          {"user_groups", groups},
          {"onboarding", invitation::ToString(s.onboarding.StateOf(u))}};
}

}  // namespace

void AddRegistrationRoutes(http::Router& router, Services& s) {
  router.Add("GET", "/api/v1/registration/{token}", [&s](http::Request& req) {
    if (auto ok = LimitRegistration(s, req); !ok) return http::Problem(ok.error());
    auto view = s.onboarding.Lookup(req.Param("token"));
    if (!view) return http::Problem(view.error());
    return http::JsonResponse(200, {{"first_name", view->user.first_name},
                                    {"last_name", view->user.last_name},
                                    {"email", OrNull(view->user.email)},
                                    {"phone", OrNull(view->user.phone)},
                                    {"language", view->user.language},
                                    {"company", {{"name", view->company_name}}},
                                    {"expires_at", FormatRfc3339(view->expires_at)}});
  });
  router.Add("POST", "/api/v1/registration/{token}", [&s](http::Request& req) {
    if (auto ok = LimitRegistration(s, req); !ok) return http::Problem(ok.error());
    auto body = http::ParseJsonObject(req);
    if (!body) return http::Problem(body.error());
    http::Fields f(*body, {"password", "language"});
    const auto password = f.String("password").value_or("");
    const auto language = f.String("language").value_or("");
    if (auto ok = f.Finish(); !ok) return http::Problem(ok.error());
    auto user_id = s.onboarding.Register(req.Param("token"), password, language);
    if (!user_id) return http::Problem(user_id.error());
    return http::JsonResponse(201, {{"user_id", *user_id}});
  });
}

void AddAppRoutes(http::Router& router, Services& s) {
  router.Add("POST", "/api/v1/app/login", [&s](http::Request& req) {
    auto body = http::ParseJsonObject(req);
    if (!body) return http::Problem(body.error());
    http::Fields f(*body, {"login", "password"});
    const auto login = f.String("login").value_or("");
    const auto password = f.String("password").value_or("");
    if (auto ok = f.Finish(); !ok) return http::Problem(ok.error());
    auto user = s.auth.LoginUser(login, password, req.client_ip);
    if (!user) return http::Problem(user.error());
    return http::JsonResponse(200, {{"token", user->token}, {"user", MeJson(s, user->user)}});
  });
  router.Add("GET", "/api/v1/app/me",
             UserOnly(s, [&s](http::Request&, const auth::UserLogin& user) {
               return http::JsonResponse(200, MeJson(s, user.user));
             }));
  router.Add("PUT", "/api/v1/app/me/language",
             UserOnly(s, [&s](http::Request& req, const auth::UserLogin& user) {
               auto body = http::ParseJsonObject(req);
               if (!body) return http::Problem(body.error());
               http::Fields f(*body, {"language"});
               const auto language = f.String("language").value_or("");
               if (auto ok = f.Finish(); !ok) return http::Problem(ok.error());
               auto updated = s.onboarding.ChooseLanguage(user.user, language);
               if (!updated) return http::Problem(updated.error());
               return http::JsonResponse(200, MeJson(s, *updated));
             }));
  router.Add("POST", "/api/v1/app/logout",
             UserOnly(s, [&s](http::Request&, const auth::UserLogin& user) {
               if (auto ok = s.auth.Logout(user.token); !ok) return http::Problem(ok.error());
               return http::NoContent();
             }));
}

}  // namespace usher::api
