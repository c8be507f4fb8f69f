// CompanyRepository over the SQLite database (see usher/company/repository.h for the
// contract). Thread-safe through Database.
#pragma once

#include "usher/company/repository.h"
#include "usher/storage/sql/database.h"

namespace usher::storage::sql {

class SqlCompanyRepository final : public company::CompanyRepository {
 public:
  // `db` must outlive this object.
  explicit SqlCompanyRepository(Database& db) : db_(db) {}

  Status Create(const company::Company& company, const company::Admin& admin) override;
  Result<company::Company> Get(const std::string& company_id) override;
  Result<std::optional<company::Company>> FindByName(const std::string& name) override;
  Status UpdateSettings(const std::string& company_id, const company::Settings& settings) override;
  Status AddAdmin(const company::Admin& admin) override;
  Result<std::optional<company::Admin>> FindAdminByEmail(const std::string& email) override;
  Result<company::Admin> GetAdmin(const std::string& admin_id) override;

 private:
  Database& db_;
};

}  // namespace usher::storage::sql
