// Reading and writing `users` rows and their store/group links, shared by the directory
// and invitation repositories. Functions throw SOCI exceptions (the caller runs them in
// Database::Run) and expect to run inside the caller's transaction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "usher/storage/sql/database.h"

#include "usher/base/result.h"
#include "usher/directory/directory.h"
#include "usher/storage/sql/sql_util.h"

namespace usher::storage::sql {

// The columns UserRow::Bind() reads, for a query over `users u`.
extern const char kUserColumns[];

// Buffers for one row of kUserColumns.
struct UserRow {
  std::string id, company_id, status, first_name, last_name, role, language;
  Nullable<std::string> email, phone, job_position, external_id, password_hash;
  int language_confirmed = 0;
  long long created_at = 0;
  Nullable<long long> activated_at;

  void Bind(soci::statement& st);
  // The user without its links (store_ids/user_group_ids empty). Throws CorruptRow.
  directory::User ToUser() const;
};

// Runs "SELECT kUserColumns FROM users u <tail>" with the parameters `bind` adds, and
// loads the links of the users found.
std::vector<directory::User> SelectUsers(soci::session& sql, const std::string& tail,
                                         const std::function<void(soci::statement&)>& bind);

// users.search_text: case-folded "first last email phone external_id".
std::string SearchText(const directory::User& u);
// users.sort_name: case-folded last name, U+001F, case-folded first name.
std::string SortName(const directory::User& u);

// Inserts the user row (not its links).
void InsertUser(soci::session& sql, const directory::User& u);
// Replaces names, e-mail, phone, job position, external id, role, language of user u.id.
void UpdateUserContact(soci::session& sql, const directory::User& u);

// Replaces the user's store and group links. Ids that are not the company's are refused
// (kInvalid "validation" with store_ids/unknown_store or user_group_ids/unknown_group).
Status ReplaceLinks(soci::session& sql, const std::string& company_id, const std::string& user_id,
                    const std::vector<std::string>& store_ids,
                    const std::vector<std::string>& group_ids);
// Fills store_ids and user_group_ids (sorted) of `users`: two queries per 500 users.
void LoadLinks(soci::session& sql, const std::vector<directory::User*>& users);

// R3: the conflict when another user of the company (not except_user_id) has this e-mail
// (by EmailKey) or phone: "already_invited" (detail invitation_id) or "already_registered".
std::optional<Error> ContactConflict(soci::session& sql, const directory::User& u,
                                     const std::string& except_user_id);
// kConflict "taken" (field external_id) when another user of the company has the external id.
std::optional<Error> ExternalIdConflict(soci::session& sql, const directory::User& u,
                                        const std::string& except_user_id);

// Runs write(); a UNIQUE violation of a users index (a race the checks above missed) becomes
// the same conflict as ContactConflict/ExternalIdConflict. Other exceptions propagate.
template <typename Write>
std::optional<Error> GuardUserUniqueness(soci::session& sql, const directory::User& u,
                                         Write&& write);

// Implementation detail of GuardUserUniqueness.
std::optional<Error> ConflictForViolation(soci::session& sql, const std::exception& e,
                                          const directory::User& u);

template <typename Write>
std::optional<Error> GuardUserUniqueness(soci::session& sql, const directory::User& u,
                                         Write&& write) {
  try {
    Guarded(sql, write);
    return std::nullopt;
  } catch (const std::exception& e) {
    if (auto conflict = ConflictForViolation(sql, e, u)) return conflict;
    throw;
  }
}

}  // namespace usher::storage::sql
