#include "usher/storage/sql/statement_cache.h"

#include <soci/sqlite3/soci-sqlite3.h>  // declares the SQLite C API in namespace sqlite_api

namespace usher::storage::sql {
namespace {

thread_local soci::session* scope_sql = nullptr;
thread_local StatementCache* scope_cache = nullptr;

}  // namespace

StatementCache::Entry* StatementCache::Find(const std::string& key) const {
  const auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second.get();
}

StatementCache::Entry& StatementCache::Add(const std::string& key, std::unique_ptr<Entry> entry) {
  return *(entries_[key] = std::move(entry));
}

CachingScope::CachingScope(soci::session& sql, StatementCache& cache)
    : previous_sql_(scope_sql), previous_cache_(scope_cache) {
  scope_sql = &sql;
  scope_cache = &cache;
}

CachingScope::~CachingScope() {
  scope_sql = previous_sql_;
  scope_cache = previous_cache_;
}

StatementCache* CacheFor(soci::session& sql) { return &sql == scope_sql ? scope_cache : nullptr; }

bool IsSqlite(soci::session& sql) { return sql.get_backend_name() == "sqlite3"; }

void FinishSqlite(soci::statement& st) {
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  if (backend->stmt_ != nullptr) sqlite_api::sqlite3_reset(backend->stmt_);
}

}  // namespace usher::storage::sql
