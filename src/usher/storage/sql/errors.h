// Turns exceptions thrown by SOCI/SQLite inside the adapter into usher Errors. Their messages
// never carry what() (SOCI appends the bound values there, i.e. personal data).
#pragma once

#include <exception>
#include <optional>
#include <string>

#include "usher/base/result.h"

namespace usher::storage::sql {

// kUnavailable "database_unavailable" for busy/locked/I/O/full/cannot-open errors (retrying
// may help); kInternal "database_error" for everything else.
Error DatabaseError(const std::exception& e);
Error DatabaseUnavailable();
Error DatabaseInternal();
// kInvalid "invalid_cursor" (field cursor) for a page cursor the adapter did not make.
Error InvalidCursor();

// For a UNIQUE/PRIMARY KEY violation: the "table.column, table.column" list SQLite names
// (e.g. "users.company_id, users.email_key"); nullopt for any other exception.
std::optional<std::string> UniqueViolation(const std::exception& e);

// Thrown by row mapping when the database holds a value this binary cannot read
// (becomes kInternal).
class CorruptRow : public std::exception {
 public:
  const char* what() const noexcept override { return "unreadable row"; }
};

}  // namespace usher::storage::sql
