#include "usher/company/service.h"

#include "usher/security/password.h"
#include "usher/security/random.h"

namespace usher::company {

Result<CompanyService::Created> CompanyService::Create(const NewCompany& input) {
  auto valid = ValidateNewCompany(input, languages_);
  if (!valid) return Fail(valid.error());
  auto hash = security::HashPassword(valid->admin_password);
  if (!hash) return Fail(ErrorKind::kInternal, "password_hash_failed", "Could not hash password.");
  const Time now = clock_.Now();
  Created c;
  c.company = Company{security::NewId(), valid->name, valid->settings, now};
  c.admin = Admin{security::NewId(),
                  c.company.id,
                  valid->admin_email,
                  *hash,
                  valid->settings.default_language,
                  now};
  USHER_RETURN_IF_ERROR(companies_.Create(c.company, c.admin));
  return c;
}

Result<Company> CompanyService::Get(const std::string& company_id) {
  return companies_.Get(company_id);
}

Result<Company> CompanyService::UpdateSettings(const std::string& company_id,
                                               const Settings& settings) {
  USHER_RETURN_IF_ERROR(ValidateSettings(settings, languages_));
  USHER_RETURN_IF_ERROR(companies_.UpdateSettings(company_id, settings));
  return companies_.Get(company_id);
}

}  // namespace usher::company
