#include "usher/api/api.h"
#include "usher/http/problem.h"

namespace usher::api {

int QueryLimit(const http::Request& req, int fallback, std::vector<FieldError>& errors) {
  const std::string& limit = req.Query("limit");
  if (limit.empty()) return fallback;
  const bool digits =
      limit.size() <= 4 && limit.find_first_not_of("0123456789") == std::string::npos;
  const int n = digits ? std::stoi(limit) : -1;
  if (n < 1 || n > 200) errors.push_back({"limit", "out_of_range"});
  return n;
}

std::string BearerToken(const http::Request& req) {
  const std::string& h = req.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (h.size() <= kBearer.size() || !h.starts_with(kBearer)) return "";
  return h.substr(kBearer.size());
}

http::Handler AdminOnly(Services& s, AdminHandler handler) {
  return [&s, handler = std::move(handler)](http::Request& req) {
    auto admin = s.auth.AuthenticateAdmin(BearerToken(req));
    if (!admin) return http::Problem(admin.error());
    return handler(req, *admin);
  };
}

http::Handler UserOnly(Services& s, UserHandler handler) {
  return [&s, handler = std::move(handler)](http::Request& req) {
    auto user = s.auth.AuthenticateUser(BearerToken(req));
    if (!user) return http::Problem(user.error());
    return handler(req, *user);
  };
}

void AddRoutes(http::Router& router, Services& s) {
  AddAuthRoutes(router, s);
  AddDirectoryRoutes(router, s);
  AddImportRoutes(router, s);
  AddInvitationRoutes(router, s);
  AddUserRoutes(router, s);
  AddRegistrationRoutes(router, s);
  AddAppRoutes(router, s);
  AddOpsRoutes(router, s);
}

}  // namespace usher::api
