// The schema migrations, embedded at build time from migrations/NNNN_name.sql
// (see migrations/embed.cmake). Applied by Database::Migrate().
#pragma once

#include <string_view>
#include <vector>

namespace usher::storage::sql {

// The SQL dialects the storage speaks: the embedded default and the one to scale out.
enum class Dialect { kSqlite, kPostgres };

struct Migration {
  int version;            // NNNN of the file name; strictly ascending, from 1
  std::string_view name;  // the file name's "name" part
  std::string_view sql;   // the whole script (several statements)
};

// Every migration of `dialect` this binary knows, ascending by version.
const std::vector<Migration>& EmbeddedMigrations(Dialect dialect);

}  // namespace usher::storage::sql
