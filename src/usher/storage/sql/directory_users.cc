// Users of SqlDirectoryRepository (stores and groups are in directory_repository.cc).
#include <algorithm>

#include "usher/storage/sql/directory_repository.h"
#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/sql_util.h"
#include "usher/storage/sql/user_rows.h"

namespace usher::storage::sql {

using directory::Page;
using directory::User;
using directory::UserQuery;

namespace {

constexpr char kUsersOrder[] = "users";

Error UserNotFound() { return Error{ErrorKind::kNotFound, "not_found", "No such user.", {}, {}}; }

std::optional<User> FindOne(soci::session& sql, const std::string& company_id,
                            const std::string& condition, const std::string& value) {
  auto users = SelectUsers(sql, "WHERE u.company_id = :company_id AND " + condition,
                           [&](soci::statement& st) {
                             st.exchange(soci::use(company_id, "company_id"));
                             st.exchange(soci::use(value, "value"));
                           });
  if (users.empty()) return std::nullopt;
  return std::move(users.front());
}

}  // namespace

Result<User> SqlDirectoryRepository::GetUser(const std::string& company_id,
                                             const std::string& user_id) {
  return db_.Read([&](soci::session& sql) -> Result<User> {
    soci::transaction tx(sql);  // one snapshot for the user and its links
    auto user = FindOne(sql, company_id, "u.id = :value", user_id);
    if (!user) return Fail(UserNotFound());
    return std::move(*user);
  });
}

Result<std::optional<User>> SqlDirectoryRepository::FindUserByEmail(const std::string& company_id,
                                                                    const std::string& email) {
  return db_.Read([&](soci::session& sql) -> Result<std::optional<User>> {
    soci::transaction tx(sql);
    return FindOne(sql, company_id, "u.email_key = :value", directory::EmailKey(email));
  });
}

Result<std::optional<User>> SqlDirectoryRepository::FindUserByPhone(const std::string& company_id,
                                                                    const std::string& phone) {
  return db_.Read([&](soci::session& sql) -> Result<std::optional<User>> {
    soci::transaction tx(sql);
    return FindOne(sql, company_id, "u.phone = :value", phone);
  });
}

Result<std::vector<User>> SqlDirectoryRepository::FindUsersByEmail(const std::string& email) {
  const std::string key = directory::EmailKey(email);
  return db_.Read([&](soci::session& sql) -> Result<std::vector<User>> {
    soci::transaction tx(sql);
    return SelectUsers(sql, "WHERE u.email_key = :value ORDER BY u.created_at",
                       [&](soci::statement& st) { st.exchange(soci::use(key, "value")); });
  });
}

Result<std::vector<User>> SqlDirectoryRepository::FindUsersByPhone(const std::string& phone) {
  return db_.Read([&](soci::session& sql) -> Result<std::vector<User>> {
    soci::transaction tx(sql);
    return SelectUsers(sql, "WHERE u.phone = :value ORDER BY u.created_at",
                       [&](soci::statement& st) { st.exchange(soci::use(phone, "value")); });
  });
}

Result<bool> SqlDirectoryRepository::ExternalIdTaken(const std::string& company_id,
                                                     const std::string& external_id,
                                                     const std::string& except_user_id) {
  return db_.Read([&](soci::session& sql) -> Result<bool> {
    User probe;
    probe.company_id = company_id;
    probe.external_id = external_id;
    return ExternalIdConflict(sql, probe, except_user_id).has_value();
  });
}

Result<Page<User>> SqlDirectoryRepository::ListUsers(const std::string& company_id,
                                                     const UserQuery& q) {
  std::optional<Cursor> cursor;
  if (!q.cursor.empty()) {
    cursor = DecodeCursor(q.cursor);
    if (!cursor || cursor->order != kUsersOrder) return Fail(InvalidCursor());
  }
  const long long limit = std::clamp(q.limit, 1, 200);
  const std::string status = q.status ? directory::ToString(*q.status) : "";
  const std::string search = SearchKey(q.q);
  std::string where = "WHERE u.company_id = :company_id";
  if (q.status) where += " AND u.status = :status";
  if (!search.empty()) where += " AND " + ContainsSql(db_.dialect(), "u.search_text", ":q");
  const auto bind_filters = [&](soci::statement& st) {
    st.exchange(soci::use(company_id, "company_id"));
    if (q.status) st.exchange(soci::use(status, "status"));
    if (!search.empty()) st.exchange(soci::use(search, "q"));
  };
  return db_.Read([&](soci::session& sql) -> Result<Page<User>> {
    soci::transaction tx(sql);  // the page and its total from one snapshot
    Page<User> page;
    soci::statement count(sql);
    count.exchange(soci::into(page.total));
    bind_filters(count);
    Prepare(count, "SELECT COUNT(*) FROM users u " + where);
    count.execute(true);

    std::string tail = where;
    if (cursor) tail += " AND (u.sort_name, u.id) > (:after_key, :after_id)";
    tail += " ORDER BY u.sort_name, u.id LIMIT :limit";
    const long long fetch = limit + 1;
    page.items = SelectUsers(sql, tail, [&](soci::statement& st) {
      bind_filters(st);
      if (cursor) {
        st.exchange(soci::use(cursor->key, "after_key"));
        st.exchange(soci::use(cursor->id, "after_id"));
      }
      st.exchange(soci::use(fetch, "limit"));
    });
    if (static_cast<long long>(page.items.size()) > limit) {
      page.items.pop_back();
      const User& last = page.items.back();
      page.next_cursor = EncodeCursor({kUsersOrder, SortName(last), last.id});
    }
    return page;
  });
}

Status SqlDirectoryRepository::UpdateUserProfile(const User& user) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    auto stored = FindOne(sql, user.company_id, "u.id = :value", user.id);
    if (!stored) return Fail(UserNotFound());
    User updated = std::move(*stored);
    updated.role = user.role;
    updated.job_position = user.job_position;
    updated.external_id = user.external_id;
    updated.language = user.language;
    updated.language_confirmed = user.language_confirmed;
    if (auto conflict = ExternalIdConflict(sql, updated, updated.id)) return Fail(*conflict);
    const int language_confirmed = updated.language_confirmed ? 1 : 0;
    auto conflict = GuardUserUniqueness(sql, updated, [&] {
      UpdateUserContact(sql, updated);
      sql << "UPDATE users SET language_confirmed = :language_confirmed WHERE id = :id",
          soci::use(language_confirmed, "language_confirmed"), soci::use(updated.id, "id");
    });
    if (conflict) return Fail(*conflict);
    USHER_RETURN_IF_ERROR(
        ReplaceLinks(sql, updated.company_id, updated.id, user.store_ids, user.user_group_ids));
    tx.commit();
    return Ok();
  });
}

}  // namespace usher::storage::sql
