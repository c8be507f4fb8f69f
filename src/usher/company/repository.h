// Persistence of companies and admins. Implemented by storage/sql (and postgres);
// all methods are thread-safe and return kUnavailable when the database fails.
#pragma once

#include <optional>
#include <string>

#include "usher/base/result.h"
#include "usher/company/company.h"

namespace usher::company {

class CompanyRepository {
 public:
  virtual ~CompanyRepository() = default;

  // Stores the company and its first admin in one transaction.
  // kConflict "admin_email_taken" when an admin already has that e-mail.
  virtual Status Create(const Company& company, const Admin& admin) = 0;
  // kNotFound "not_found" when no such company.
  virtual Result<Company> Get(const std::string& company_id) = 0;
  // The oldest company with exactly this name, if any.
  virtual Result<std::optional<Company>> FindByName(const std::string& name) = 0;
  // Replaces the settings. kNotFound when no such company.
  virtual Status UpdateSettings(const std::string& company_id, const Settings& settings) = 0;

  // kConflict "admin_email_taken" as above; kNotFound when the company is missing.
  virtual Status AddAdmin(const Admin& admin) = 0;
  // kNotFound "not_found" when no admin has this id.
  virtual Result<Admin> GetAdmin(const std::string& admin_id) = 0;
  // Looks up by e-mail, compared exactly: the caller folds the case. nullopt when none.
  virtual Result<std::optional<Admin>> FindAdminByEmail(const std::string& email) = 0;
};

}  // namespace usher::company
