// Logging in and out, for admins (R15) and app users (R9), and the rate limits on logins
// and registration. Wrong password, unknown account and invited-but-unregistered user all
// get the same answer, after the same work. Thread-safe when the repositories are.
#pragma once

#include <string>

#include "usher/auth/repository.h"
#include "usher/base/clock.h"
#include "usher/company/repository.h"
#include "usher/directory/repository.h"

namespace usher::auth {

struct AdminLogin {
  std::string token;
  company::Admin admin;
  company::Company company;
};

struct UserLogin {
  std::string token;
  directory::User user;
};

class AuthService {
 public:
  struct Deps {
    const Clock& clock;
    SessionRepository& sessions;
    company::CompanyRepository& companies;
    directory::DirectoryRepository& directory;
  };
  explicit AuthService(Deps deps) : d_(deps) {}

  // kUnauthenticated "invalid_credentials"; kRateLimited "too_many_attempts" (detail
  // retry_after) after too many attempts from one client or on one account.
  Result<AdminLogin> LoginAdmin(const std::string& email, const std::string& password,
                                const std::string& client_ip);
  // The admin and company of a bearer token; kUnauthenticated "unauthenticated".
  Result<AdminLogin> AuthenticateAdmin(const std::string& token);
  // R9: `login` is an e-mail address or an E.164 phone number. Errors as LoginAdmin.
  Result<UserLogin> LoginUser(const std::string& login, const std::string& password,
                              const std::string& client_ip);
  Result<UserLogin> AuthenticateUser(const std::string& token);
  // Ends the session of `token`; Ok when there was none.
  Status Logout(const std::string& token);

  // Counts a hit on `key` against `limit`; kRateLimited "too_many_attempts" (with
  // retry_after) once the limit is passed.
  Status CheckLimit(const std::string& key, Limit limit);

 private:
  Result<std::string> NewSession(Subject subject, const std::string& subject_id,
                                 const std::string& company_id, Seconds lifetime);
  Result<Session> FindSession(const std::string& token, Subject subject);

  Deps d_;
};

}  // namespace usher::auth
