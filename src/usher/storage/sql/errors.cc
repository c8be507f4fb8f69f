#include "usher/storage/sql/errors.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>  // also brings SQLite's result codes

namespace usher::storage::sql {

Error DatabaseUnavailable() {
  return Error{ErrorKind::kUnavailable,
               "database_unavailable",
               "The database is unavailable; try again later.",
               {},
               {}};
}

Error DatabaseInternal() {
  return Error{ErrorKind::kInternal, "database_error", "Unexpected database error.", {}, {}};
}

Error InvalidCursor() {
  return Error{ErrorKind::kInvalid,
               "invalid_cursor",
               "The page cursor is not valid.",
               {{"cursor", "invalid"}},
               {}};
}

Error DatabaseError(const std::exception& e) {
  if (const auto* p = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = p->sqlstate();
    // Connection trouble, serialisation failures, deadlocks, lock timeouts, shutdown.
    if (state.starts_with("08") || state == "40001" || state == "40P01" || state == "55P03" ||
        state.starts_with("57P") || state.starts_with("53")) {
      return DatabaseUnavailable();
    }
    return DatabaseInternal();
  }
  if (const auto* s = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    switch (s->result() & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_IOERR:
      case SQLITE_FULL:
      case SQLITE_CANTOPEN:
      case SQLITE_NOMEM:
      case SQLITE_READONLY:
      case SQLITE_PROTOCOL:
      case SQLITE_INTERRUPT:
        return DatabaseUnavailable();
      default:
        return DatabaseInternal();
    }
  }
  if (const auto* s = dynamic_cast<const soci::soci_error*>(&e)) {
    switch (s->get_error_category()) {
      case soci::soci_error::connection_error:
      case soci::soci_error::system_error:
      case soci::soci_error::unknown_transaction_state:
        return DatabaseUnavailable();
      default:
        return DatabaseInternal();
    }
  }
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) return DatabaseUnavailable();
  return DatabaseInternal();
}

namespace {

// PostgreSQL names the constraint; the callers look for "table.column" as SQLite words it.
std::optional<std::string> PostgresUniqueViolation(const soci::postgresql_soci_error& e) {
  if (e.sqlstate() != "23505") return std::nullopt;
  static const std::pair<const char*, const char*> kConstraints[] = {
      {"\"users_email\"", "users.company_id, users.email_key"},
      {"\"users_phone\"", "users.company_id, users.phone"},
      {"\"users_external_id\"", "users.company_id, users.external_id"},
      {"\"admins_email_key\"", "admins.email"},
      {"\"stores_company_id_name_key\"", "stores.company_id, stores.name"},
      {"\"user_groups_company_id_name_key\"", "user_groups.company_id, user_groups.name"}};
  const std::string message = e.get_error_message();
  for (const auto& [name, columns] : kConstraints) {
    if (message.find(name) != std::string::npos) return std::string(columns);
  }
  return std::string("unknown");
}

}  // namespace

std::optional<std::string> UniqueViolation(const std::exception& e) {
  if (const auto* p = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    return PostgresUniqueViolation(*p);
  }
  const auto* s = dynamic_cast<const soci::sqlite3_soci_error*>(&e);
  if (s == nullptr || (s->result() & 0xff) != SQLITE_CONSTRAINT) return std::nullopt;
  // get_error_message() is SQLite's text without SOCI's context (query and values).
  const std::string message = s->get_error_message();
  const std::string marker = "UNIQUE constraint failed: ";
  const auto pos = message.find(marker);
  if (pos == std::string::npos) return std::nullopt;
  return message.substr(pos + marker.size());
}

}  // namespace usher::storage::sql
