// Statements parsed once per connection and run many times. SQLite spends tens of
// microseconds parsing a statement, often more than running it; PostgreSQL spends a round
// trip. A reused statement binds to buffers it owns (a struct P of parameters and results
// with `void Bind(soci::statement&)`): the caller fills them, runs it, reads the results.
// Internal to storage/sql.
#pragma once

#include <memory>
#include <string>
#include <typeinfo>
#include <unordered_map>

#include <soci/soci.h>

#include "usher/storage/sql/sql_util.h"

namespace usher::storage::sql {

// The statements of one connection, owned by whoever owns the connection (Database) and
// destroyed before it. Used only by the thread holding the connection.
class StatementCache {
 public:
  struct Entry {
    virtual ~Entry() = default;
  };
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // The entry stored under `key`, or nullptr.
  Entry* Find(const std::string& key) const;
  Entry& Add(const std::string& key, std::unique_ptr<Entry> entry);
  size_t size() const { return entries_.size(); }

 private:
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
};

// While alive, this thread's statements on `sql` are reused from `cache` (Database sets it
// around each use of a connection; scopes nest).
class CachingScope {
 public:
  CachingScope(soci::session& sql, StatementCache& cache);
  ~CachingScope();
  CachingScope(const CachingScope&) = delete;
  CachingScope& operator=(const CachingScope&) = delete;

 private:
  soci::session* previous_sql_;
  StatementCache* previous_cache_;
};

// The cache of `sql` in this thread's current scope, or nullptr (then nothing is reused).
StatementCache* CacheFor(soci::session& sql);

// True when `sql` talks to SQLite.
bool IsSqlite(soci::session& sql);
// Ends the run of an SQLite statement (sqlite3_reset), so that the connection holds no read
// snapshot or lock through a statement that was not read to its end. PostgreSQL needs
// nothing: its results are read whole.
void FinishSqlite(soci::statement& st);

// A statement of `query` with buffers P, reused from the connection's cache when there is
// one. Finished when this goes out of scope.
template <typename P>
class Reused {
 public:
  Reused(soci::session& sql, const std::string& query) {
    StatementCache* cache = CacheFor(sql);
    if (cache == nullptr) {
      owned_ = std::make_unique<Prepared>(sql, query);
      prepared_ = owned_.get();
      return;
    }
    const std::string key = std::string(typeid(P).name()) + '\n' + query;
    StatementCache::Entry* found = cache->Find(key);
    if (found == nullptr) found = &cache->Add(key, std::make_unique<Prepared>(sql, query));
    prepared_ = static_cast<Prepared*>(found);
  }
  ~Reused() {
    if (prepared_->sqlite) FinishSqlite(prepared_->st);
  }
  Reused(const Reused&) = delete;
  Reused& operator=(const Reused&) = delete;

  P& operator*() { return prepared_->buffers; }
  P* operator->() { return &prepared_->buffers; }
  // Runs it with the buffers' parameters; true when a first row was read into the results.
  bool Execute() { return prepared_->st.execute(true); }
  // Reads the next row into the results; false at the end.
  bool Fetch() { return prepared_->st.fetch(); }
  // Rows changed by the last Execute().
  long long Changed() { return prepared_->st.get_affected_rows(); }

 private:
  struct Prepared : StatementCache::Entry {
    P buffers;
    soci::statement st;
    bool sqlite;
    Prepared(soci::session& sql, const std::string& query) : st(sql), sqlite(IsSqlite(sql)) {
      buffers.Bind(st);
      Prepare(st, query);
    }
  };
  std::unique_ptr<Prepared> owned_;
  Prepared* prepared_ = nullptr;
};

// The buffer of a statement whose one parameter is `:id`.
struct IdParam {
  std::string id;
  void Bind(soci::statement& st) { st.exchange(soci::use(id, "id")); }
};

}  // namespace usher::storage::sql
