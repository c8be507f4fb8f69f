// POST /api/v1/auth/login, POST /api/v1/auth/logout (R15).
#include "usher/api/api.h"
#include "usher/api/views.h"
#include "usher/http/json_input.h"
#include "usher/http/problem.h"

namespace usher::api {

void AddAuthRoutes(http::Router& router, Services& s) {
  router.Add("POST", "/api/v1/auth/login", [&s](http::Request& req) {
    auto body = http::ParseJsonObject(req);
    if (!body) return http::Problem(body.error());
    http::Fields f(*body, {"email", "password"});
    const std::string email = f.String("email").value_or("");
    const std::string password = f.String("password").value_or("");
    if (auto ok = f.Finish(); !ok) return http::Problem(ok.error());
    auto login = s.auth.LoginAdmin(email, password, req.client_ip);
    if (!login) return http::Problem(login.error());
    return http::JsonResponse(200, {{"token", login->token},
                                    {"admin", AdminJson(login->admin)},
                                    {"company", CompanyJson(login->company)}});
  });
  router.Add("POST", "/api/v1/auth/logout",
             AdminOnly(s, [&s](http::Request&, const auth::AdminLogin& admin) {
               if (auto ok = s.auth.Logout(admin.token); !ok) return http::Problem(ok.error());
               return http::NoContent();
             }));
}

}  // namespace usher::api
