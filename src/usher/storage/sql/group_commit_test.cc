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

TEST(GroupCommit, AChangeAloneIsAllOrNothingBesideGroupedChanges) {
  TempDir dir("group");
  auto db = OpenWithTable(dir.File("g.db"));
  // Alone changes of ten rows (every fifth undone: its transaction left uncommitted, or
  // an exception after writing) while other threads commit single rows in groups.
  constexpr int kThreads = 4, kEach = 60;
  std::atomic<int> alone_ok{0}, single_ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const long long base = 100'000 + (t * kEach + i) * 10;
        if (t % 2 == 1) {
          if (Insert(*db, base)) ++single_ok;
          continue;
        }
        auto s = db->WriteAlone([&](soci::session& sql) -> Status {
          WriteTransaction tx(sql);
          for (long long id = base; id < base + 10; ++id) {
            sql << "INSERT INTO t (id, v) VALUES (:id, 'x')", soci::use(id);
          }
          if (i % 5 == 1) return Fail(ErrorKind::kConflict, "undone", "left uncommitted");
          if (i % 5 == 3) sql << "INSERT INTO t (id, v) VALUES (:id, 'dup')", soci::use(base);
          tx.commit();
          return Ok();
        });
        if (s) ++alone_ok;
        if (!s && i % 5 == 1) {
          EXPECT_EQ(s.error().code, "undone");
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(alone_ok.load(), (kThreads / 2) * kEach * 3 / 5);
  EXPECT_EQ(single_ok.load(), (kThreads / 2) * kEach);
  EXPECT_EQ(Count(*db), alone_ok.load() * 10 + single_ok.load());
}

TEST(GroupCommit, AChangeAloneTakesOneWriteTransaction) {
  TempDir dir("group");
  auto db = OpenWithTable(dir.File("g.db"));
  auto s = db->WriteAlone([](soci::session& sql) -> Status {
    {
      WriteTransaction first(sql);
      sql << "INSERT INTO t (id, v) VALUES (1, 'x')";
    }
    WriteTransaction second(sql);  // the first cannot be undone alone: refused
    sql << "INSERT INTO t (id, v) VALUES (2, 'x')";
    second.commit();
    return Ok();
  });
  EXPECT_FALSE(s);
  EXPECT_EQ(Count(*db), 0);
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
