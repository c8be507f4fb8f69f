#include "usher/storage/sqlite/errors.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>  // also brings SQLite's result codes

namespace usher::storage::sqlite {

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

std::optional<std::string> UniqueViolation(const std::exception& e) {
  const auto* s = dynamic_cast<const soci::sqlite3_soci_error*>(&e);
  if (s == nullptr || (s->result() & 0xff) != SQLITE_CONSTRAINT) return std::nullopt;
  // get_error_message() is SQLite's text without SOCI's context (query and values).
  const std::string message = s->get_error_message();
  const std::string marker = "UNIQUE constraint failed: ";
  const auto pos = message.find(marker);
  if (pos == std::string::npos) return std::nullopt;
  return message.substr(pos + marker.size());
}

}  // namespace usher::storage::sqlite
