// Company use cases: create a company with its first admin, read and change its settings.
// Thread-safe when the repository is.
#pragma once

#include "usher/base/clock.h"
#include "usher/base/languages.h"
#include "usher/company/repository.h"
#include "usher/company/rules.h"

namespace usher::company {

class CompanyService {
 public:
  CompanyService(const Clock& clock, CompanyRepository& companies, const Languages& languages)
      : clock_(clock), companies_(companies), languages_(languages) {}

  struct Created {
    Company company;
    Admin admin;
  };
  // Validates (see ValidateNewCompany), hashes the password with Argon2id and stores both.
  // kInvalid "validation"; kConflict "admin_email_taken".
  Result<Created> Create(const NewCompany& input);
  Result<Company> Get(const std::string& company_id);
  // kInvalid "validation" (see ValidateSettings); kNotFound.
  Result<Company> UpdateSettings(const std::string& company_id, const Settings& settings);

 private:
  const Clock& clock_;
  CompanyRepository& companies_;
  const Languages& languages_;
};

}  // namespace usher::company
