#include "usher/auth/service.h"

#include "usher/base/text.h"
#include "usher/security/password.h"
#include "usher/security/random.h"
#include "usher/security/token.h"

namespace usher::auth {
namespace {

tl::unexpected<Error> InvalidCredentials() {
  return Fail(ErrorKind::kUnauthenticated, "invalid_credentials",
              "The login or the password is wrong.");
}

tl::unexpected<Error> Unauthenticated() {
  return Fail(ErrorKind::kUnauthenticated, "unauthenticated",
              "Log in first: send a valid bearer token.");
}

// Rate-limit keys never hold a login in clear: it may be an invitee's e-mail or phone.
std::string AccountKey(const std::string& prefix, const std::string& login) {
  return prefix + security::HashToken(text::Fold(login)).substr(0, 32);
}

}  // namespace

const char* ToString(Subject s) { return s == Subject::kUser ? "user" : "admin"; }

Status AuthService::CheckLimit(const std::string& key, Limit limit) {
  const Time now = d_.clock.Now();
  const Time start = WindowStart(now, limit.window);
  auto hits = d_.sessions.Hit(key, start, start + limit.window);
  if (!hits) return Fail(hits.error());
  if (*hits <= limit.max) return Ok();
  Error e{
      ErrorKind::kRateLimited, "too_many_attempts", "Too many attempts; try again later.", {}, {}};
  e.details = {{"retry_after", std::to_string((start + limit.window - now).count())}};
  return Fail(std::move(e));
}

Result<std::string> AuthService::NewSession(Subject subject, const std::string& subject_id,
                                            const std::string& company_id, Seconds lifetime) {
  const Time now = d_.clock.Now();
  std::string token = security::NewToken();
  Session s{security::HashToken(token), subject, subject_id, company_id, now, now + lifetime};
  USHER_RETURN_IF_ERROR(d_.sessions.Create(s));
  return token;
}

Result<Session> AuthService::FindSession(const std::string& token, Subject subject) {
  if (!security::IsWellFormedToken(token)) return Unauthenticated();
  auto s = d_.sessions.Find(security::HashToken(token), d_.clock.Now());
  if (!s) return Fail(s.error());
  if (!*s || (*s)->subject != subject) return Unauthenticated();
  return **s;
}

Result<AdminLogin> AuthService::LoginAdmin(const std::string& email, const std::string& password,
                                           const std::string& client_ip) {
  USHER_RETURN_IF_ERROR(CheckLimit("admin-login:ip:" + client_ip, kLoginPerClient));
  USHER_RETURN_IF_ERROR(CheckLimit(AccountKey("admin-login:acct:", email), kLoginPerAccount));
  const std::string key = text::IsValidUtf8(email) ? text::Fold(text::Clean(email)) : "";
  auto admin = d_.companies.FindAdminByEmail(key);
  if (!admin) return Fail(admin.error());
  const std::string& hash = *admin ? (*admin)->password_hash : security::DummyPasswordHash();
  const bool ok = security::VerifyPassword(password, hash);
  if (!*admin || !ok) return InvalidCredentials();
  auto company = d_.companies.Get((*admin)->company_id);
  if (!company) return Fail(company.error());
  auto token =
      NewSession(Subject::kAdmin, (*admin)->id, (*admin)->company_id, kAdminSessionLifetime);
  if (!token) return Fail(token.error());
  return AdminLogin{*token, **admin, *company};
}

Result<AdminLogin> AuthService::AuthenticateAdmin(const std::string& token) {
  auto s = FindSession(token, Subject::kAdmin);
  if (!s) return Fail(s.error());
  auto admin = d_.companies.GetAdmin(s->subject_id);
  if (!admin)
    return admin.error().kind == ErrorKind::kNotFound ? Unauthenticated() : Fail(admin.error());
  auto company = d_.companies.Get(s->company_id);
  if (!company) return Fail(company.error());
  return AdminLogin{token, *admin, *company};
}

Result<UserLogin> AuthService::LoginUser(const std::string& login, const std::string& password,
                                         const std::string& client_ip) {
  USHER_RETURN_IF_ERROR(CheckLimit("app-login:ip:" + client_ip, kLoginPerClient));
  USHER_RETURN_IF_ERROR(CheckLimit(AccountKey("app-login:acct:", login), kLoginPerAccount));
  std::vector<directory::User> candidates;
  if (text::IsValidUtf8(login)) {
    const std::string clean = text::Clean(login);
    auto found = clean.find('@') != std::string::npos ? d_.directory.FindUsersByEmail(clean)
                                                      : d_.directory.FindUsersByPhone(clean);
    if (!found) return Fail(found.error());
    candidates = std::move(*found);
  }
  // R9: verify against something whatever happens, so that every failure costs the same.
  bool verified = false;
  for (const auto& u : candidates) {
    if (u.status != directory::UserStatus::kActive || !u.password_hash) continue;
    verified = true;
    if (security::VerifyPassword(password, *u.password_hash)) {
      auto token = NewSession(Subject::kUser, u.id, u.company_id, kUserSessionLifetime);
      if (!token) return Fail(token.error());
      return UserLogin{*token, u};
    }
  }
  if (!verified) security::VerifyPassword(password, security::DummyPasswordHash());
  return InvalidCredentials();
}

Result<UserLogin> AuthService::AuthenticateUser(const std::string& token) {
  auto s = FindSession(token, Subject::kUser);
  if (!s) return Fail(s.error());
  auto user = d_.directory.GetUser(s->company_id, s->subject_id);
  if (!user)
    return user.error().kind == ErrorKind::kNotFound ? Unauthenticated() : Fail(user.error());
  return UserLogin{token, *user};
}

Status AuthService::Logout(const std::string& token) {
  if (!security::IsWellFormedToken(token)) return Ok();
  return d_.sessions.Delete(security::HashToken(token));
}

}  // namespace usher::auth
