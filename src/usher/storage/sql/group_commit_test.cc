// Database::Write (group commit) and Database::Read (read-only pool) on a real SQLite file.
#include <atomic>
#include <thread>
#include <vector>

#include "testing/temp_dir.h"
#include <gtest/gtest.h>

#include "usher/storage/sql/database.h"

namespace usher::storage::sql {
namespace {

using usher::testing::TempDir;

std::unique_ptr<Database> OpenWithTable(const std::string& path) {
  auto db = Database::Open(path);
  EXPECT_TRUE(db) << db.error().message;
  EXPECT_TRUE((*db)->Run([](soci::session& sql) -> Status {
    sql << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
    return Ok();
  }));
  return std::move(*db);
}

long long Count(Database& db) {
  auto n = db.Read([](soci::session& sql) -> Result<long long> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM t", soci::into(n);
    return n;
  });
  EXPECT_TRUE(n);
  return n ? *n : -1;
}

Status Insert(Database& db, long long id) {
  return db.Write([id](soci::session& sql) -> Status {
    sql << "INSERT INTO t (id, v) VALUES (:id, 'x')", soci::use(id);
    return Ok();
  });
}

TEST(GroupCommit, ConcurrentChangesAllCommitAndAFailingOneUndoesOnlyItself) {
  TempDir dir("group");
  auto db = OpenWithTable(dir.File("g.db"));
  ASSERT_TRUE(Insert(*db, 0));
  constexpr int kThreads = 8, kEach = 200;
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const long long id = 1 + t * kEach + i;
        // Every tenth change inserts its row and then breaks the primary key: all of it
        // must be undone, and nothing of the others.
        auto s = db->Write([&](soci::session& sql) -> Status {
          sql << "INSERT INTO t (id, v) VALUES (:id, 'x')", soci::use(id);
          if (id % 10 == 0) sql << "INSERT INTO t (id, v) VALUES (0, 'dup')";
          return Ok();
        });
        (s ? ok : failed)++;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), kThreads * kEach / 10);
  EXPECT_EQ(ok.load(), kThreads * kEach - failed.load());
  EXPECT_EQ(Count(*db), 1 + ok.load());
}

TEST(GroupCommit, AnUncommittedWriteTransactionIsUndoneAndItsErrorReturned) {
  TempDir dir("group");
  auto db = OpenWithTable(dir.File("g.db"));
  auto s = db->Write([](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    sql << "INSERT INTO t (id, v) VALUES (1, 'x')";
    return Fail(ErrorKind::kConflict, "nope", "changed my mind");
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, "nope");
  auto committed = db->Write([](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    sql << "INSERT INTO t (id, v) VALUES (2, 'x')";
    tx.commit();
    return Ok();
  });
  EXPECT_TRUE(committed);
  EXPECT_EQ(Count(*db), 1);
}

TEST(GroupCommit, AChangeIsVisibleToReadersOnceWriteReturnsAndSurvivesReopening) {
  TempDir dir("group");
  const std::string path = dir.File("g.db");
  {
    auto db = OpenWithTable(path);
    for (int i = 1; i <= 5; ++i) {
      ASSERT_TRUE(Insert(*db, i));
      EXPECT_EQ(Count(*db), i);
    }
  }
  auto reopened = Database::Open(path);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(Count(**reopened), 5);
}

TEST(GroupCommit, ReadersRefuseToWrite) {
  TempDir dir("group");
  auto db = OpenWithTable(dir.File("g.db"));
  auto s = db->Read([](soci::session& sql) -> Status {
    sql << "INSERT INTO t (id, v) VALUES (1, 'x')";
    return Ok();
  });
  EXPECT_FALSE(s);
  EXPECT_EQ(Count(*db), 0);
}

}  // namespace
}  // namespace usher::storage::sql
