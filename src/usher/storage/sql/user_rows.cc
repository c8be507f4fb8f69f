#include "usher/storage/sql/user_rows.h"

#include <map>
#include <set>

#include "usher/base/text.h"
#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/statement_cache.h"

namespace usher::storage::sql {

using directory::User;

const char kUserColumns[] =
    "u.id, u.company_id, u.status, u.first_name, u.last_name, u.email, u.phone, "
    "u.job_position, u.external_id, u.role, u.language, u.language_confirmed, "
    "u.password_hash, u.created_at, u.activated_at";

void UserRow::Bind(soci::statement& st) {
  st.exchange(soci::into(id));
  st.exchange(soci::into(company_id));
  st.exchange(soci::into(status));
  st.exchange(soci::into(first_name));
  st.exchange(soci::into(last_name));
  st.exchange(Into(email));
  st.exchange(Into(phone));
  st.exchange(Into(job_position));
  st.exchange(Into(external_id));
  st.exchange(soci::into(role));
  st.exchange(soci::into(language));
  st.exchange(soci::into(language_confirmed));
  st.exchange(Into(password_hash));
  st.exchange(soci::into(created_at));
  st.exchange(Into(activated_at));
}

User UserRow::ToUser() const {
  User u;
  u.id = id;
  u.company_id = company_id;
  const auto parsed_status = directory::ParseUserStatus(status);
  const auto parsed_role = directory::ParseRole(role);
  if (!parsed_status || !parsed_role) throw CorruptRow();
  u.status = *parsed_status;
  u.role = *parsed_role;
  u.first_name = first_name;
  u.last_name = last_name;
  u.email = email.get();
  u.phone = phone.get();
  u.job_position = job_position.get();
  u.external_id = external_id.get();
  u.language = language;
  u.language_confirmed = language_confirmed != 0;
  u.password_hash = password_hash.get();
  u.created_at = FromUnix(created_at);
  u.activated_at = ToTime(activated_at);
  return u;
}

std::vector<User> SelectUsers(soci::session& sql, const std::string& tail,
                              const std::function<void(soci::statement&)>& bind) {
  UserRow row;
  soci::statement st(sql);
  row.Bind(st);
  bind(st);
  Prepare(st, std::string("SELECT ") + kUserColumns + " FROM users u " + tail);
  st.execute();
  std::vector<User> users;
  while (st.fetch()) users.push_back(row.ToUser());
  std::vector<User*> pointers;
  for (User& u : users) pointers.push_back(&u);
  LoadLinks(sql, pointers);
  return users;
}

std::string SearchText(const User& u) {
  std::string joined = u.first_name + " " + u.last_name;
  for (const auto* part : {&u.email, &u.phone, &u.external_id}) {
    if (*part && !(*part)->empty()) joined += " " + **part;
  }
  return text::Fold(joined);
}

std::string SortName(const User& u) {
  return text::Fold(u.last_name) + "\x1f" + text::Fold(u.first_name);
}

namespace {

Nullable<std::string> EmailKeyOf(const User& u) {
  if (!u.email || u.email->empty()) return {};
  return Nullable<std::string>(directory::EmailKey(*u.email));
}

// The bound values of the personal-data columns of a user row.
struct ContactValues {
  Nullable<std::string> email, email_key, phone, job_position, external_id;
  std::string role, search_text, sort_name;
  void Set(const User& u) {
    email = NullableKey(u.email);
    email_key = EmailKeyOf(u);
    phone = NullableKey(u.phone);
    job_position = Nullable<std::string>(u.job_position);
    external_id = NullableKey(u.external_id);
    role = directory::ToString(u.role);
    search_text = SearchText(u);
    sort_name = SortName(u);
  }
  void Bind(soci::statement& st) {
    st.exchange(Use(email, "email"));
    st.exchange(Use(email_key, "email_key"));
    st.exchange(Use(phone, "phone"));
    st.exchange(Use(job_position, "job_position"));
    st.exchange(Use(external_id, "external_id"));
    st.exchange(soci::use(role, "role"));
    st.exchange(soci::use(search_text, "search_text"));
    st.exchange(soci::use(sort_name, "sort_name"));
  }
};

// The bound values of a whole user row.
struct UserValues {
  ContactValues contact;
  std::string id, company_id, status, first_name, last_name, language;
  int language_confirmed = 0;
  Nullable<std::string> password_hash;
  long long created_at = 0;
  Nullable<long long> activated_at;
  void Set(const User& u) {
    contact.Set(u);
    id = u.id;
    company_id = u.company_id;
    status = directory::ToString(u.status);
    first_name = u.first_name;
    last_name = u.last_name;
    language = u.language;
    language_confirmed = u.language_confirmed ? 1 : 0;
    password_hash = Nullable<std::string>(u.password_hash);
    created_at = ToUnix(u.created_at);
    activated_at = NullableTime(u.activated_at);
  }
  void Bind(soci::statement& st) {
    contact.Bind(st);
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(company_id, "company_id"));
    st.exchange(soci::use(status, "status"));
    st.exchange(soci::use(first_name, "first_name"));
    st.exchange(soci::use(last_name, "last_name"));
    st.exchange(soci::use(language, "language"));
    st.exchange(soci::use(language_confirmed, "language_confirmed"));
    st.exchange(Use(password_hash, "password_hash"));
    st.exchange(soci::use(created_at, "created_at"));
    st.exchange(Use(activated_at, "activated_at"));
  }
};

}  // namespace

void InsertUser(soci::session& sql, const User& u) {
  Reused<UserValues> st(
      sql,
      "INSERT INTO users (id, company_id, status, first_name, last_name, email, email_key, "
      "phone, job_position, external_id, role, language, language_confirmed, password_hash, "
      "search_text, sort_name, created_at, activated_at) VALUES (:id, :company_id, :status, "
      ":first_name, :last_name, :email, :email_key, :phone, :job_position, :external_id, :role, "
      ":language, :language_confirmed, :password_hash, :search_text, :sort_name, :created_at, "
      ":activated_at)");
  st->Set(u);
  st.Execute();
}

void UpdateUserContact(soci::session& sql, const User& u) {
  ContactValues values;
  values.Set(u);
  soci::statement st(sql);
  values.Bind(st);
  st.exchange(soci::use(u.id, "id"));
  st.exchange(soci::use(u.first_name, "first_name"));
  st.exchange(soci::use(u.last_name, "last_name"));
  st.exchange(soci::use(u.language, "language"));
  ExecuteAndCount(st,
                  "UPDATE users SET first_name = :first_name, last_name = :last_name, "
                  "email = :email, email_key = :email_key, phone = :phone, "
                  "job_position = :job_position, external_id = :external_id, role = :role, "
                  "language = :language, search_text = :search_text, sort_name = :sort_name "
                  "WHERE id = :id");
}

namespace {

struct LinkValues {
  std::string user_id, id, company_id;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(user_id, "user_id"));
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(company_id, "company_id"));
  }
};

// Links `ids` (deduplicated) of the company's `table` to the user instead of what was
// linked; false when one of them is not the company's.
bool ReplaceLinksIn(soci::session& sql, const std::string& link_table, const std::string& column,
                    const std::string& table, const std::string& company_id,
                    const std::string& user_id, const std::vector<std::string>& ids) {
  {
    Reused<IdParam> clear(sql, "DELETE FROM " + link_table + " WHERE user_id = :id");
    clear->id = user_id;
    clear.Execute();
  }
  if (ids.empty()) return true;
  const std::set<std::string> unique(ids.begin(), ids.end());
  Reused<LinkValues> st(sql, "INSERT INTO " + link_table + " (user_id, " + column +
                                 ") SELECT :user_id, id FROM " + table +
                                 " WHERE id = :id AND company_id = :company_id");
  st->user_id = user_id;
  st->company_id = company_id;
  for (const std::string& each : unique) {
    st->id = each;
    st.Execute();
    if (st.Changed() != 1) return false;
  }
  return true;
}

}  // namespace

Status ReplaceLinks(soci::session& sql, const std::string& company_id, const std::string& user_id,
                    const std::vector<std::string>& store_ids,
                    const std::vector<std::string>& group_ids) {
  if (!ReplaceLinksIn(sql, "user_stores", "store_id", "stores", company_id, user_id, store_ids)) {
    return Fail(ValidationError({{"store_ids", "unknown_store"}}));
  }
  if (!ReplaceLinksIn(sql, "user_user_groups", "group_id", "user_groups", company_id, user_id,
                      group_ids)) {
    return Fail(ValidationError({{"user_group_ids", "unknown_group"}}));
  }
  return Ok();
}

void LoadLinks(soci::session& sql, const std::vector<User*>& users) {
  if (users.empty()) return;
  std::map<std::string, User*> by_id;
  std::vector<std::string> ids;
  for (User* u : users) {
    u->store_ids.clear();
    u->user_group_ids.clear();
    if (by_id.emplace(u->id, u).second) ids.push_back(u->id);
  }
  const struct {
    const char* query;
    std::vector<std::string> User::*member;
  } links[] = {
      {"SELECT user_id, store_id FROM user_stores WHERE user_id IN (", &User::store_ids},
      {"SELECT user_id, group_id FROM user_user_groups WHERE user_id IN (", &User::user_group_ids},
  };
  for (const auto& chunk : Chunks(ids)) {
    for (const auto& link : links) {
      std::string user_id, target_id;
      soci::statement st(sql);
      st.exchange(soci::into(user_id));
      st.exchange(soci::into(target_id));
      BindList(st, "u", chunk);
      Prepare(st, link.query + Placeholders("u", chunk.size()) + ") ORDER BY user_id, 2");
      st.execute();
      while (st.fetch()) {
        const auto it = by_id.find(user_id);
        if (it != by_id.end()) (it->second->*link.member).push_back(target_id);
      }
    }
  }
}

namespace {

std::optional<Error> ConflictWithHolder(soci::session& sql, const std::string& holder_id,
                                        const std::string& holder_status,
                                        const std::string& field) {
  if (holder_status == "active") {
    Error e{ErrorKind::kConflict,
            "already_registered",
            "A user of the company with this e-mail address or phone number is already "
            "registered.",
            {{field, "already_registered"}},
            {}};
    return e;
  }
  Error e{ErrorKind::kConflict,
          "already_invited",
          "A user of the company with this e-mail address or phone number is already invited.",
          {{field, "already_invited"}},
          {}};
  std::string invitation_id;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM invitations WHERE user_id = :user_id", soci::use(holder_id, "user_id"),
      soci::into(invitation_id, ind);
  if (sql.got_data() && ind == soci::i_ok) e.details.emplace_back("invitation_id", invitation_id);
  return e;
}

}  // namespace

namespace {

// Parameters and results of "another user of the company holds this key".
struct KeyHolder {
  std::string company_id, value, except;  // parameters
  std::string holder_id, holder_status;   // results
  void Bind(soci::statement& st) {
    st.exchange(soci::use(company_id, "company_id"));
    st.exchange(soci::use(value, "value"));
    st.exchange(soci::use(except, "except"));
    st.exchange(soci::into(holder_id));
    st.exchange(soci::into(holder_status));
  }
};

}  // namespace

std::optional<Error> ContactConflict(soci::session& sql, const User& u,
                                     const std::string& except_user_id) {
  const struct {
    const char* column;
    const char* field;
    Nullable<std::string> value;
  } keys[] = {{"email_key", "email", EmailKeyOf(u)}, {"phone", "phone", NullableKey(u.phone)}};
  for (const auto& key : keys) {
    if (key.value.ind != soci::i_ok) continue;
    std::string holder_id, holder_status;
    {
      Reused<KeyHolder> st(sql, std::string("SELECT id, status FROM users WHERE company_id = "
                                            ":company_id AND ") +
                                    key.column + " = :value AND id <> :except ORDER BY id LIMIT 1");
      st->company_id = u.company_id;
      st->value = key.value.value;
      st->except = except_user_id;
      if (!st.Execute()) continue;
      holder_id = st->holder_id;
      holder_status = st->holder_status;
    }
    return ConflictWithHolder(sql, holder_id, holder_status, key.field);
  }
  return std::nullopt;
}

std::optional<Error> ExternalIdConflict(soci::session& sql, const User& u,
                                        const std::string& except_user_id) {
  const Nullable<std::string> external_id = NullableKey(u.external_id);
  if (external_id.ind != soci::i_ok) return std::nullopt;
  Reused<KeyHolder> st(sql,
                       "SELECT id, status FROM users WHERE company_id = :company_id AND "
                       "external_id = :value AND id <> :except LIMIT 1");
  st->company_id = u.company_id;
  st->value = external_id.value;
  st->except = except_user_id;
  if (!st.Execute()) return std::nullopt;
  return Error{ErrorKind::kConflict,
               "taken",
               "The external id is already used in the company.",
               {{"external_id", "taken"}},
               {}};
}

std::optional<Error> ConflictForViolation(soci::session& sql, const std::exception& e,
                                          const User& u) {
  const auto target = UniqueViolation(e);
  if (!target) return std::nullopt;
  if (target->find("users.email_key") != std::string::npos ||
      target->find("users.phone") != std::string::npos) {
    return ContactConflict(sql, u, u.id);
  }
  if (target->find("users.external_id") != std::string::npos) {
    return ExternalIdConflict(sql, u, u.id);
  }
  return std::nullopt;
}

}  // namespace usher::storage::sql
