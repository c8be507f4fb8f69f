#include "usher/storage/sql/company_repository.h"

#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/sql_util.h"
#include "usher/storage/sql/statement_cache.h"

namespace usher::storage::sql {

using company::Admin;
using company::Company;
using company::Settings;

namespace {

constexpr char kCompanyColumns[] =
    "id, name, validity_days, reminder_days, default_region, timezone, default_language, "
    "created_at";

Error NotFound() { return Error{ErrorKind::kNotFound, "not_found", "No such company.", {}, {}}; }

Error AdminEmailTaken() {
  return Error{ErrorKind::kConflict,
               "admin_email_taken",
               "An administrator with this e-mail address already exists.",
               {{"email", "taken"}},
               {}};
}

std::string JoinDays(const std::vector<int>& days) {
  std::string out;
  for (int d : days) {
    if (!out.empty()) out += ",";
    out += std::to_string(d);
  }
  return out;
}

std::vector<int> SplitDays(const std::string& text) {
  std::vector<int> days;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    const auto day = ParseInteger(text.substr(pos, comma - pos));
    if (!day) throw CorruptRow();
    days.push_back(static_cast<int>(*day));
    pos = comma + 1;
  }
  return days;
}

struct CompanyRow {
  std::string value;  // the parameter
  std::string id, name, reminder_days, default_region, timezone, default_language;
  int validity_days = 0;
  long long created_at = 0;

  void Bind(soci::statement& st) {
    st.exchange(soci::use(value, "value"));
    st.exchange(soci::into(id));
    st.exchange(soci::into(name));
    st.exchange(soci::into(validity_days));
    st.exchange(soci::into(reminder_days));
    st.exchange(soci::into(default_region));
    st.exchange(soci::into(timezone));
    st.exchange(soci::into(default_language));
    st.exchange(soci::into(created_at));
  }
  Company ToCompany() const {
    Company c;
    c.id = id;
    c.name = name;
    c.settings.validity_days = validity_days;
    c.settings.reminder_days = SplitDays(reminder_days);
    c.settings.default_region = default_region;
    c.settings.timezone = timezone;
    c.settings.default_language = default_language;
    c.created_at = FromUnix(created_at);
    return c;
  }
};

// The first company `where` selects (with :value bound), if any.
std::optional<Company> SelectCompany(soci::session& sql, const std::string& where,
                                     const std::string& value) {
  Reused<CompanyRow> st(
      sql, std::string("SELECT ") + kCompanyColumns + " FROM companies WHERE " + where);
  st->value = value;
  if (!st.Execute()) return std::nullopt;
  return st->ToCompany();
}

bool CompanyExists(soci::session& sql, const std::string& company_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM companies WHERE id = :id", soci::use(company_id, "id"),
      soci::into(count);
  return count > 0;
}

bool AdminEmailExists(soci::session& sql, const std::string& email) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM admins WHERE email = :email", soci::use(email, "email"),
      soci::into(count);
  return count > 0;
}

// Inserts the admin; a duplicate e-mail (checked first, and by the UNIQUE index for races)
// gives admin_email_taken.
Status InsertAdmin(soci::session& sql, const Admin& admin) {
  if (AdminEmailExists(sql, admin.email)) return Fail(AdminEmailTaken());
  const long long created_at = ToUnix(admin.created_at);
  try {
    sql << "INSERT INTO admins (id, company_id, email, password_hash, language, created_at) "
           "VALUES (:id, :company_id, :email, :password_hash, :language, :created_at)",
        soci::use(admin.id, "id"), soci::use(admin.company_id, "company_id"),
        soci::use(admin.email, "email"), soci::use(admin.password_hash, "password_hash"),
        soci::use(admin.language, "language"), soci::use(created_at, "created_at");
  } catch (const std::exception& e) {
    const auto target = UniqueViolation(e);
    if (target && target->find("admins.email") != std::string::npos) {
      return Fail(AdminEmailTaken());
    }
    throw;
  }
  return Ok();
}

}  // namespace

Status SqlCompanyRepository::Create(const Company& company, const Admin& admin) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    const std::string reminder_days = JoinDays(company.settings.reminder_days);
    const long long created_at = ToUnix(company.created_at);
    sql << "INSERT INTO companies (id, name, validity_days, reminder_days, default_region, "
           "timezone, default_language, created_at) VALUES (:id, :name, :validity_days, "
           ":reminder_days, :default_region, :timezone, :default_language, :created_at)",
        soci::use(company.id, "id"), soci::use(company.name, "name"),
        soci::use(company.settings.validity_days, "validity_days"),
        soci::use(reminder_days, "reminder_days"),
        soci::use(company.settings.default_region, "default_region"),
        soci::use(company.settings.timezone, "timezone"),
        soci::use(company.settings.default_language, "default_language"),
        soci::use(created_at, "created_at");
    Admin first = admin;
    first.company_id = company.id;
    USHER_RETURN_IF_ERROR(InsertAdmin(sql, first));
    tx.commit();
    return Ok();
  });
}

Result<Company> SqlCompanyRepository::Get(const std::string& company_id) {
  return db_.Read([&](soci::session& sql) -> Result<Company> {
    auto company = SelectCompany(sql, "id = :value", company_id);
    if (!company) return Fail(NotFound());
    return *company;
  });
}

Result<std::optional<Company>> SqlCompanyRepository::FindByName(const std::string& name) {
  return db_.Read([&](soci::session& sql) -> Result<std::optional<Company>> {
    return SelectCompany(sql, "name = :value ORDER BY created_at, id LIMIT 1", name);
  });
}

Status SqlCompanyRepository::UpdateSettings(const std::string& company_id,
                                            const Settings& settings) {
  return db_.Write([&](soci::session& sql) -> Status {
    const std::string reminder_days = JoinDays(settings.reminder_days);
    soci::statement st(sql);
    st.exchange(soci::use(settings.validity_days, "validity_days"));
    st.exchange(soci::use(reminder_days, "reminder_days"));
    st.exchange(soci::use(settings.default_region, "default_region"));
    st.exchange(soci::use(settings.timezone, "timezone"));
    st.exchange(soci::use(settings.default_language, "default_language"));
    st.exchange(soci::use(company_id, "id"));
    const long long changed = ExecuteAndCount(
        st,
        "UPDATE companies SET validity_days = :validity_days, reminder_days = :reminder_days, "
        "default_region = :default_region, timezone = :timezone, "
        "default_language = :default_language WHERE id = :id");
    if (changed == 0) return Fail(NotFound());
    return Ok();
  });
}

Status SqlCompanyRepository::AddAdmin(const Admin& admin) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    if (!CompanyExists(sql, admin.company_id)) return Fail(NotFound());
    USHER_RETURN_IF_ERROR(InsertAdmin(sql, admin));
    tx.commit();
    return Ok();
  });
}

namespace {

// The admin whose `column` equals `value`, if any.
std::optional<Admin> FindAdmin(soci::session& sql, const std::string& column,
                               const std::string& value) {
  struct Row {
    std::string value;
    Admin admin;
    long long created_at = 0;
    void Bind(soci::statement& st) {
      st.exchange(soci::use(value, "value"));
      st.exchange(soci::into(admin.id));
      st.exchange(soci::into(admin.company_id));
      st.exchange(soci::into(admin.email));
      st.exchange(soci::into(admin.password_hash));
      st.exchange(soci::into(admin.language));
      st.exchange(soci::into(created_at));
    }
  };
  Reused<Row> st(sql,
                 "SELECT id, company_id, email, password_hash, language, created_at FROM admins "
                 "WHERE " +
                     column + " = :value");
  st->value = value;
  if (!st.Execute()) return std::nullopt;
  Admin admin = st->admin;
  admin.created_at = FromUnix(st->created_at);
  return admin;
}

}  // namespace

Result<std::optional<Admin>> SqlCompanyRepository::FindAdminByEmail(const std::string& email) {
  return db_.Read([&](soci::session& sql) -> Result<std::optional<Admin>> {
    return FindAdmin(sql, "email", email);
  });
}

Result<Admin> SqlCompanyRepository::GetAdmin(const std::string& admin_id) {
  return db_.Read([&](soci::session& sql) -> Result<Admin> {
    auto admin = FindAdmin(sql, "id", admin_id);
    if (!admin) return Fail(ErrorKind::kNotFound, "not_found", "No such admin.");
    return std::move(*admin);
  });
}

}  // namespace usher::storage::sql
