// Reused statements on a real SQLite file: parsed once per connection, and never left
// running between calls (a reader would keep an old snapshot, a checkpoint would wait).
#include "usher/storage/sql/statement_cache.h"

#include <soci/sqlite3/soci-sqlite3.h>

#include "testing/temp_dir.h"
#include <gtest/gtest.h>

#include "usher/storage/sql/database.h"

namespace usher::storage::sql {
namespace {

using usher::testing::TempDir;

struct IdsFrom {
  long long from = 0;  // parameter
  long long id = 0;    // result
  void Bind(soci::statement& st) {
    st.exchange(soci::use(from, "from"));
    st.exchange(soci::into(id));
  }
};

constexpr char kIdsFrom[] = "SELECT id FROM t WHERE id >= :from ORDER BY id";

std::unique_ptr<Database> OpenWithRows(const std::string& path, int rows) {
  auto db = Database::Open(path);
  EXPECT_TRUE(db) << db.error().message;
  EXPECT_TRUE((*db)->Write([rows](soci::session& sql) -> Status {
    sql << "CREATE TABLE t (id INTEGER PRIMARY KEY)";
    for (long long id = 1; id <= rows; ++id)
      sql << "INSERT INTO t (id) VALUES (:id)", soci::use(id);
    return Ok();
  }));
  return std::move(*db);
}

// The ids >= from, read with a reused statement.
std::vector<long long> IdsFromWith(soci::session& sql, long long from) {
  Reused<IdsFrom> st(sql, kIdsFrom);
  st->from = from;
  std::vector<long long> ids;
  for (bool row = st.Execute(); row; row = st.Fetch()) ids.push_back(st->id);
  return ids;
}

TEST(StatementCache, AStatementIsParsedOncePerConnectionAndTakesNewParametersEachRun) {
  TempDir dir("cache");
  auto db = OpenWithRows(dir.File("c.db"), 5);
  ASSERT_TRUE(db->Run([](soci::session& sql) -> Status {
    EXPECT_EQ(IdsFromWith(sql, 4), (std::vector<long long>{4, 5}));
    EXPECT_EQ(IdsFromWith(sql, 2), (std::vector<long long>{2, 3, 4, 5}));
    EXPECT_EQ(IdsFromWith(sql, 9), (std::vector<long long>{}));
    EXPECT_EQ(CacheFor(sql)->size(), 1u);
    return Ok();
  }));
}

TEST(StatementCache, WithoutADatabaseScopeNothingIsCachedAndItStillWorks) {
  TempDir dir("cache");
  OpenWithRows(dir.File("c.db"), 3);
  soci::session sql(soci::sqlite3, "db=\"" + dir.File("c.db") + "\"");
  EXPECT_EQ(CacheFor(sql), nullptr);
  EXPECT_EQ(IdsFromWith(sql, 2), (std::vector<long long>{2, 3}));
}

TEST(StatementCache, AStatementReadHalfwayLeavesNoSnapshotBehind) {
  TempDir dir("cache");
  auto db = OpenWithRows(dir.File("c.db"), 3);
  // One row read of three, then the statement goes back to the cache.
  ASSERT_TRUE(db->Read([](soci::session& sql) -> Status {
    Reused<IdsFrom> st(sql, kIdsFrom);
    st->from = 1;
    EXPECT_TRUE(st.Execute());
    return Ok();
  }));
  ASSERT_TRUE(db->Write([](soci::session& sql) -> Status {
    sql << "INSERT INTO t (id) VALUES (4)";
    return Ok();
  }));
  // Nothing keeps the write-ahead log from being emptied ...
  EXPECT_TRUE(db->CheckpointWal());
  // ... and another statement on the same reader (the pool hands back the last one
  // released) sees the new row.
  auto count = db->Read([](soci::session& sql) -> Result<long long> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM t", soci::into(n);
    return n;
  });
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 4);
}

}  // namespace
}  // namespace usher::storage::sql
