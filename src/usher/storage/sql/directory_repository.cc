// Stores and user groups of SqlDirectoryRepository (users are in directory_users.cc).
#include "usher/storage/sql/directory_repository.h"

#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/sql_util.h"
#include "usher/storage/sql/statement_cache.h"

namespace usher::storage::sql {

using directory::Store;
using directory::UserGroup;

namespace {

Error NameTaken() {
  return Error{ErrorKind::kConflict,
               "name_taken",
               "The company already has one with this name.",
               {{"name", "taken"}},
               {}};
}

Error NotFound() { return Error{ErrorKind::kNotFound, "not_found", "Not found.", {}, {}}; }

bool Exists(soci::session& sql, const std::string& table, const std::string& where,
            const std::string& a, const std::string& b) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM " + table + " WHERE " + where, soci::use(a, "a"), soci::use(b, "b"),
      soci::into(count);
  return count > 0;
}

bool CompanyExists(soci::session& sql, const std::string& company_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM companies WHERE id = :id", soci::use(company_id, "id"),
      soci::into(count);
  return count > 0;
}

// Inserts a store or group after checking (and, for races, the UNIQUE index) its name.
template <typename Insert>
Status InsertNamed(soci::session& sql, const std::string& table, const std::string& company_id,
                   const std::string& name, Insert&& insert) {
  WriteTransaction tx(sql);
  if (!CompanyExists(sql, company_id)) return Fail(NotFound());
  if (Exists(sql, table, "company_id = :a AND name = :b", company_id, name)) {
    return Fail(NameTaken());
  }
  try {
    insert();
  } catch (const std::exception& e) {
    const auto target = UniqueViolation(e);
    if (target && target->find(table + ".name") != std::string::npos) return Fail(NameTaken());
    throw;
  }
  tx.commit();
  return Ok();
}

struct CompanyRowId {
  std::string company_id, id;  // parameters
  std::string found;           // result
  void Bind(soci::statement& st) {
    st.exchange(soci::use(company_id, "company_id"));
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::into(found));
  }
};

// Which of `ids` are rows of `table` of the company (one reused lookup per id: lists are
// short, and a statement per list length would be parsed again and again).
std::set<std::string> ExistingIds(soci::session& sql, const std::string& table,
                                  const std::string& company_id,
                                  const std::vector<std::string>& ids) {
  std::set<std::string> found;
  if (ids.empty()) return found;
  Reused<CompanyRowId> st(
      sql, "SELECT id FROM " + table + " WHERE company_id = :company_id AND id = :id");
  st->company_id = company_id;
  for (const std::string& id : std::set<std::string>(ids.begin(), ids.end())) {
    st->id = id;
    if (st.Execute()) found.insert(st->found);
  }
  return found;
}

}  // namespace

Status SqlDirectoryRepository::CreateStore(const Store& store) {
  return db_.Write([&](soci::session& sql) -> Status {
    return InsertNamed(sql, "stores", store.company_id, store.name, [&] {
      Nullable<std::string> code(store.code);
      sql << "INSERT INTO stores (id, company_id, name, code) "
             "VALUES (:id, :company_id, :name, :code)",
          soci::use(store.id, "id"), soci::use(store.company_id, "company_id"),
          soci::use(store.name, "name"), Use(code, "code");
    });
  });
}

Result<std::vector<Store>> SqlDirectoryRepository::ListStores(const std::string& company_id) {
  return db_.Read([&](soci::session& sql) -> Result<std::vector<Store>> {
    Store row;
    Nullable<std::string> code;
    soci::statement st = (sql.prepare << "SELECT id, company_id, name, code FROM stores "
                                         "WHERE company_id = :company_id ORDER BY name, id",
                          soci::use(company_id, "company_id"), soci::into(row.id),
                          soci::into(row.company_id), soci::into(row.name), Into(code));
    st.execute();
    std::vector<Store> stores;
    while (st.fetch()) {
      row.code = code.get();
      stores.push_back(row);
    }
    return stores;
  });
}

Status SqlDirectoryRepository::DeleteStore(const std::string& company_id,
                                           const std::string& store_id) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    if (!Exists(sql, "stores", "id = :a AND company_id = :b", store_id, company_id)) {
      return Fail(NotFound());
    }
    long long managers = 0;
    sql << "SELECT COUNT(*) FROM user_stores us JOIN users u ON u.id = us.user_id "
           "WHERE us.store_id = :store_id AND u.role = 'manager' AND NOT EXISTS ("
           "SELECT 1 FROM user_stores other WHERE other.user_id = us.user_id "
           "AND other.store_id <> :store_id)",
        soci::use(store_id, "store_id"), soci::into(managers);
    if (managers > 0) {
      return Fail(ErrorKind::kConflict, "store_required_by_manager",
                  "The store is the only store of a manager.");
    }
    sql << "DELETE FROM user_stores WHERE store_id = :store_id", soci::use(store_id, "store_id");
    sql << "DELETE FROM stores WHERE id = :store_id", soci::use(store_id, "store_id");
    tx.commit();
    return Ok();
  });
}

Status SqlDirectoryRepository::CreateGroup(const UserGroup& group) {
  return db_.Write([&](soci::session& sql) -> Status {
    return InsertNamed(sql, "user_groups", group.company_id, group.name, [&] {
      sql << "INSERT INTO user_groups (id, company_id, name) VALUES (:id, :company_id, :name)",
          soci::use(group.id, "id"), soci::use(group.company_id, "company_id"),
          soci::use(group.name, "name");
    });
  });
}

Result<std::vector<UserGroup>> SqlDirectoryRepository::ListGroups(const std::string& company_id) {
  return db_.Read([&](soci::session& sql) -> Result<std::vector<UserGroup>> {
    UserGroup row;
    soci::statement st = (sql.prepare << "SELECT id, company_id, name FROM user_groups "
                                         "WHERE company_id = :company_id ORDER BY name, id",
                          soci::use(company_id, "company_id"), soci::into(row.id),
                          soci::into(row.company_id), soci::into(row.name));
    st.execute();
    std::vector<UserGroup> groups;
    while (st.fetch()) groups.push_back(row);
    return groups;
  });
}

Result<std::set<std::string>> SqlDirectoryRepository::ExistingStoreIds(
    const std::string& company_id, const std::vector<std::string>& ids) {
  return db_.Read([&](soci::session& sql) -> Result<std::set<std::string>> {
    return ExistingIds(sql, "stores", company_id, ids);
  });
}

Result<std::set<std::string>> SqlDirectoryRepository::ExistingGroupIds(
    const std::string& company_id, const std::vector<std::string>& ids) {
  return db_.Read([&](soci::session& sql) -> Result<std::set<std::string>> {
    return ExistingIds(sql, "user_groups", company_id, ids);
  });
}

}  // namespace usher::storage::sql
