// SQLite-only behaviour: PRAGMAs, migrations, and R8 erasure down to the bytes of the files.
#include "usher/storage/sql/sql_storage.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include <soci/sqlite3/soci-sqlite3.h>

#include "testing/temp_dir.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "usher/base/text.h"
#include "usher/storage/sql/database.h"
#include "usher/storage/sql/migrations.h"
#include "usher/storage/sql/user_rows.h"

namespace usher::storage::sql {
namespace {

using ::testing::HasSubstr;
using usher::testing::TempDir;

const Time kT0 = FromUnix(1'790'000'000);

int LatestVersion() { return EmbeddedMigrations(Dialect::kSqlite).back().version; }

TEST(SqliteStorage, OpenCreatesTheFolderAndThePragmasAreInEffect) {
  TempDir dir("sqlite");
  const std::string path = dir.File("nested/folder/usher.db");
  auto storage = SqlStorage::Open(path);
  ASSERT_TRUE(storage) << storage.error().message;
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ((*storage)->path(), path);
  EXPECT_TRUE((*storage)->Ping());

  auto pragmas = (*storage)->database().Run([](soci::session& sql) -> Result<std::string> {
    int foreign_keys = -1, secure_delete = -1, synchronous = -1, temp_store = -1;
    std::string journal_mode;
    sql << "PRAGMA foreign_keys", soci::into(foreign_keys);
    sql << "PRAGMA secure_delete", soci::into(secure_delete);
    sql << "PRAGMA synchronous", soci::into(synchronous);
    sql << "PRAGMA journal_mode", soci::into(journal_mode);
    sql << "PRAGMA temp_store", soci::into(temp_store);
    return "foreign_keys=" + std::to_string(foreign_keys) +
           " secure_delete=" + std::to_string(secure_delete) +
           " synchronous=" + std::to_string(synchronous) + " journal_mode=" + journal_mode +
           " temp_store=" + std::to_string(temp_store);
  });
  ASSERT_TRUE(pragmas);
  EXPECT_EQ(*pragmas, "foreign_keys=1 secure_delete=1 synchronous=2 journal_mode=wal temp_store=2");
}

// Another process that writes in back-to-back transactions (an erasure in `usher purge`)
// leaves the lock free for a moment between them; a writer that waits for it gets in then,
// instead of failing after its 5 s of waiting.
TEST(SqliteStorage, AWriterWaitingForAnotherConnectionGetsInBetweenItsTransactions) {
  TempDir dir("sqlite");
  const std::string path = dir.File("busy.db");
  auto db = Database::Open(path);
  ASSERT_TRUE(db) << db.error().message;
  ASSERT_TRUE((*db)->Run([](soci::session& sql) -> Status {
    sql << "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, who TEXT NOT NULL)";
    return Ok();
  }));
  std::atomic<bool> stop{false}, holding{false};
  std::thread other([&] {
    soci::session sql(soci::sqlite3, "db=\"" + path + "\"");
    sql << "PRAGMA busy_timeout=5000";
    while (!stop) {  // 300 ms transactions, 1 ms apart
      sql << "BEGIN IMMEDIATE";
      sql << "INSERT INTO t (who) VALUES ('other')";
      holding = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      sql << "COMMIT";
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  while (!holding) std::this_thread::yield();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE((*db)->Write([](soci::session& sql) -> Status {
      WriteTransaction tx(sql);
      sql << "INSERT INTO t (who) VALUES ('us')";
      tx.commit();
      return Ok();
    }));
  }
  stop = true;
  other.join();
}

TEST(SqliteStorage, MigrationsAreRecordedAndIdempotent) {
  TempDir dir("sqlite");
  const std::string path = dir.File("usher.db");
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db);
    auto report = (*db)->Migrate();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->from_version, 0);
    EXPECT_EQ(report->to_version, LatestVersion());
    EXPECT_EQ(report->applied.front(), "0001_initial");
    EXPECT_EQ(report->applied.size(), EmbeddedMigrations(Dialect::kSqlite).size());
    auto again = (*db)->Migrate();
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->applied.empty());
    EXPECT_EQ(again->from_version, LatestVersion());
  }
  company::Company c{"company-1", "Acme", {}, kT0};
  company::Admin a{"admin-1", "company-1", "boss@acme.example", "$argon2id$x", "en", kT0};
  {
    auto storage = SqlStorage::Open(path);
    ASSERT_TRUE(storage);
    ASSERT_TRUE((*storage)->companies().Create(c, a));
  }
  auto reopened = SqlStorage::Open(path);  // opening twice migrates nothing, keeps data
  ASSERT_TRUE(reopened) << reopened.error().message;
  EXPECT_TRUE((*reopened)->companies().Get("company-1"));
  auto rows = (*reopened)->database().Run([](soci::session& sql) -> Result<long long> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM schema_migrations", soci::into(n);
    return n;
  });
  ASSERT_TRUE(rows);
  EXPECT_EQ(*rows, static_cast<long long>(EmbeddedMigrations(Dialect::kSqlite).size()));
}

TEST(SqliteStorage, ADatabaseOfANewerUsherIsRefused) {
  TempDir dir("sqlite");
  const std::string path = dir.File("usher.db");
  {
    auto storage = SqlStorage::Open(path);
    ASSERT_TRUE(storage);
    ASSERT_TRUE((*storage)->database().Run([](soci::session& sql) -> Status {
      sql << "INSERT INTO schema_migrations (version, name, applied_at) "
             "VALUES (9999, 'from_the_future', 0)";
      return Ok();
    }));
  }
  auto refused = SqlStorage::Open(path);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(refused.error().code, "schema_too_new");
  EXPECT_EQ(refused.error().message, "the database was written by a newer usher; upgrade usher");
}

TEST(SqliteStorage, UnusablePathsAreRefused) {
  auto quoted = Database::Open("/tmp/a\"b.db");
  ASSERT_FALSE(quoted);
  EXPECT_EQ(quoted.error().kind, ErrorKind::kInvalid);
  TempDir dir("sqlite");
  auto folder = SqlStorage::Open(dir.path().string());  // a folder, not a file
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().kind, ErrorKind::kUnavailable);
  EXPECT_EQ(folder.error().code, "database_unavailable");
}

TEST(SqliteStorage, ADatabaseErrorBecomesAnErrorValueAndRollsBack) {
  TempDir dir("sqlite");
  auto storage = SqlStorage::Open(dir.File("usher.db"));
  ASSERT_TRUE(storage);
  Database& db = (*storage)->database();
  auto failed = db.Run([](soci::session& sql) -> Status {
    soci::transaction tx(sql);
    sql << "INSERT INTO daily_stats (company_id, day) VALUES ('c', 'd')";
    sql << "SELECT no_such_column FROM daily_stats";
    tx.commit();
    return Ok();
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().kind, ErrorKind::kInternal);
  EXPECT_EQ(failed.error().code, "database_error");
  auto count = db.Run([](soci::session& sql) -> Result<long long> {
    long long n = -1;
    sql << "SELECT COUNT(*) FROM daily_stats", soci::into(n);
    return n;
  });
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0);
}

// Two connections to one file stand for two usher processes (serve + a CLI command).
TEST(SqliteStorage, R3_TwoConnectionsInvitingTheSameAddressGetOneSuccessAndOneConflict) {
  TempDir dir("sqlite");
  auto first = SqlStorage::Open(dir.File("usher.db"));
  auto second = SqlStorage::Open(dir.File("usher.db"));
  ASSERT_TRUE(first && second);
  ASSERT_TRUE((*first)->companies().Create(
      {"company-1", "Acme", {}, kT0},
      {"admin-1", "company-1", "boss@acme.example", "$argon2id$x", "en", kT0}));
  ASSERT_TRUE((*first)->directory().CreateGroup({"group-1", "company-1", "Staff"}));
  int ok = 0, conflicts = 0;
  for (int round = 0; round < 20; ++round) {
    std::atomic<int> ready{0};
    Status results[2];
    std::thread threads[2];
    for (int i = 0; i < 2; ++i) {
      threads[i] = std::thread([&, i] {
        const std::string key = std::to_string(round) + "-" + std::to_string(i);
        invitation::Invitation inv;
        inv.id = "inv-" + key;
        inv.company_id = "company-1";
        inv.user.id = "user-" + key;
        inv.user.first_name = "Same";
        inv.user.last_name = "Person";
        inv.user.email = "same" + std::to_string(round) + "@example.com";
        inv.user.language = "en";
        inv.user.user_group_ids = {"group-1"};
        inv.invited_at = inv.expires_at = inv.agreement_accepted_at = kT0;
        const invitation::NewMessage m{"msg-" + key,
                                       invitation::MessageKind::kInvitation,
                                       invitation::Channel::kEmail,
                                       *inv.user.email,
                                       "en",
                                       -1,
                                       kT0};
        SqlStorage& storage = i == 0 ? **first : **second;
        ++ready;
        while (ready.load() < 2) std::this_thread::yield();
        results[i] = storage.invitations().Create(
            inv, m, {kT0, "company-1", "admin", "admin-1", "invitation.created", inv.id});
      });
    }
    for (auto& t : threads) t.join();
    for (const Status& r : results) {
      if (r) {
        ++ok;
      } else {
        EXPECT_EQ(r.error().code, "already_invited") << r.error().message;
        conflicts += r.error().code == "already_invited" ? 1 : 0;
      }
    }
  }
  EXPECT_EQ(ok, 20);
  EXPECT_EQ(conflicts, 20);
}

// The UNIQUE indexes back the R3 checks when a writer slips past them: their violations
// map to the same conflicts as the checks.
TEST(SqliteStorage, R3_UniqueIndexViolationsMapToTheDocumentedConflicts) {
  TempDir dir("sqlite");
  auto storage = SqlStorage::Open(dir.File("usher.db"));
  ASSERT_TRUE(storage);
  SqlStorage& s = **storage;
  ASSERT_TRUE(s.companies().Create(
      {"company-1", "Acme", {}, kT0},
      {"admin-1", "company-1", "boss@acme.example", "$argon2id$x", "en", kT0}));
  invitation::Invitation inv;
  inv.id = "inv-1";
  inv.company_id = "company-1";
  inv.user.id = "user-1";
  inv.user.first_name = "Ann";
  inv.user.last_name = "Lee";
  inv.user.email = "ann@example.com";
  inv.user.phone = "+32470123456";
  inv.user.external_id = "EMP-1";
  inv.user.language = "en";
  inv.invited_at = inv.expires_at = inv.agreement_accepted_at = kT0;
  ASSERT_TRUE(
      s.invitations().Create(inv,
                             {"msg-1", invitation::MessageKind::kInvitation,
                              invitation::Channel::kEmail, "ann@example.com", "en", -1, kT0},
                             {kT0, "company-1", "admin", "admin-1", "invitation.created", inv.id}));

  directory::User racer = inv.user;
  racer.id = "user-2";
  racer.company_id = "company-1";
  racer.email = "ANN@example.com";
  auto mapped = s.database().Run([&](soci::session& sql) -> Result<std::vector<Error>> {
    std::vector<Error> out;
    // The real violations, raised by inserting the clashing row directly.
    for (const std::string column : {"email_key", "phone", "external_id"}) {
      try {
        sql << "INSERT INTO users (id, company_id, status, first_name, last_name, " + column +
                   ", role, language, search_text, sort_name, created_at) VALUES ('user-x', "
                   "'company-1', 'invited', 'X', 'Y', (SELECT " +
                   column + " FROM users WHERE id = 'user-1'), 'user', 'en', '', '', 0)";
        ADD_FAILURE() << "no violation for " << column;
      } catch (const std::exception& e) {
        auto conflict = ConflictForViolation(sql, e, racer);
        if (!conflict) return Fail(DatabaseInternal());
        out.push_back(*conflict);
      }
    }
    return out;
  });
  ASSERT_TRUE(mapped) << mapped.error().code;
  ASSERT_EQ(mapped->size(), 3u);
  EXPECT_EQ((*mapped)[0].code, "already_invited");
  EXPECT_EQ((*mapped)[0].Detail("invitation_id"), "inv-1");
  EXPECT_EQ((*mapped)[1].code, "already_invited");
  EXPECT_EQ((*mapped)[2].code, "taken");
  EXPECT_THAT((*mapped)[2].fields, ::testing::ElementsAre(FieldError{"external_id", "taken"}));
}

// ---- R8: erased personal data is not in the database files ----

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The files SQLite keeps for `db_path` (main, -wal, -shm), whichever exist, concatenated.
std::string ReadDatabaseFiles(const std::string& db_path) {
  std::string all;
  for (const std::string suffix : {"", "-wal", "-shm", "-journal"}) {
    if (std::filesystem::exists(db_path + suffix)) all += ReadFile(db_path + suffix);
  }
  return all;
}

invitation::Invitation MakeInvitee(const std::string& key, const std::string& email,
                                   const std::string& phone, const std::string& first,
                                   const std::string& last) {
  invitation::Invitation inv;
  inv.id = "inv-" + key;
  inv.company_id = "company-1";
  inv.user.id = "user-" + key;
  inv.user.company_id = "company-1";
  inv.user.first_name = first;
  inv.user.last_name = last;
  inv.user.email = email;
  inv.user.phone = phone;
  inv.user.job_position = "Sous-chef " + key;
  inv.user.external_id = "EXT-" + key;
  inv.user.language = "fr";
  inv.user.store_ids = {"store-1"};
  inv.user.user_group_ids = {"group-1"};
  inv.user.created_at = kT0;
  inv.invited_at = kT0;
  inv.expires_at = kT0 + 60 * kDay;
  inv.invited_by = "admin-1";
  inv.agreement_version = 1;
  inv.agreement_accepted_at = kT0;
  inv.next_reminder_at = kT0 + 3 * kDay;
  return inv;
}

struct Marker {
  std::string what;
  std::string bytes;
};

std::vector<Marker> MarkersOf(const invitation::Invitation& inv) {
  return {{"email", *inv.user.email},
          {"email key", directory::EmailKey(*inv.user.email)},
          {"phone", *inv.user.phone},
          {"first name", inv.user.first_name},
          {"last name", inv.user.last_name},
          {"folded last name", text::Fold(inv.user.last_name)},
          {"job position", *inv.user.job_position},
          {"external id", *inv.user.external_id}};
}

TEST(SqliteStorage, R8_ErasedPersonalDataIsNotInTheDatabaseFiles) {
  TempDir dir("sqlite-erase");
  const std::string path = dir.File("usher.db");
  auto opened = SqlStorage::Open(path);
  ASSERT_TRUE(opened);
  SqlStorage& storage = **opened;
  ASSERT_TRUE(storage.companies().Create(
      {"company-1", "Brasserie", {}, kT0},
      {"admin-1", "company-1", "admin@brasserie.example", "$argon2id$x", "fr", kT0}));
  ASSERT_TRUE(storage.directory().CreateStore({"store-1", "company-1", "Gent", std::nullopt}));
  ASSERT_TRUE(storage.directory().CreateGroup({"group-1", "company-1", "Keuken"}));

  const auto expired = MakeInvitee("expired", "Zoe.Erase-Marker-7f3a@Example.com", "+32470917364",
                                   "Zoë", "Ñúñez-李");
  const auto revoked = MakeInvitee("revoked", "Revoke.Marker-51c9@Example.com", "+32470228833",
                                   "Ærwyn", "Ødegård-王");
  const auto kept = [] {
    auto inv = MakeInvitee("kept", "Kept.Control-0b1e@Example.com", "+32470445566", "Keeper",
                           "Control-Ƙept");
    inv.expires_at = kT0 + 120 * kDay;
    return inv;
  }();
  for (const invitation::Invitation* inv : {&expired, &revoked, &kept}) {
    invitation::NewMessage m{"msg-" + inv->id,
                             invitation::MessageKind::kInvitation,
                             invitation::Channel::kEmail,
                             *inv->user.email,
                             "fr",
                             -1,
                             kT0};
    ASSERT_TRUE(storage.invitations().Create(
        *inv, m, {kT0, "company-1", "admin", "admin-1", "invitation.created", inv->id}));
    ASSERT_TRUE(storage.invitations().AddToken(inv->id, "hash-" + inv->id, kT0));
  }
  // A resend and an edit write more copies (messages, rewritten rows) before erasure.
  invitation::NewMessage resend{"msg-resend",
                                invitation::MessageKind::kResend,
                                invitation::Channel::kEmail,
                                *expired.user.email,
                                "fr",
                                -1,
                                kT0 + kDay};
  ASSERT_TRUE(storage.invitations().RecordResend(
      "company-1", expired.id, std::nullopt, resend,
      {kT0 + kDay, "company-1", "admin", "admin-1", "invitation.resent", expired.id}));
  auto edited = *storage.invitations().Get("company-1", revoked.id);
  edited.user.job_position = "Sous-chef revoked";
  ASSERT_TRUE(storage.invitations().Update(
      edited, std::nullopt,
      {kT0 + kDay, "company-1", "admin", "admin-1", "invitation.edited", revoked.id}));

  // Before erasure the markers are in the files (the scan can see them).
  const std::string before = ReadDatabaseFiles(path);
  for (const auto& m : MarkersOf(expired)) {
    EXPECT_THAT(before, HasSubstr(m.bytes)) << "precondition: " << m.what;
  }

  ASSERT_TRUE(storage.invitations().Revoke(
      "company-1", revoked.id,
      {kT0 + 2 * kDay, "company-1", "admin", "admin-1", "invitation.revoked", revoked.id}));
  auto erased = storage.invitations().DeleteExpired(kT0 + 61 * kDay, 100, kT0 + 61 * kDay);
  ASSERT_TRUE(erased);
  ASSERT_THAT(*erased, ::testing::ElementsAre(expired.id));

  const auto check = [&](const std::string& when) {
    const std::string bytes = ReadDatabaseFiles(path);
    ASSERT_FALSE(bytes.empty());
    for (const auto* inv : {&expired, &revoked}) {
      for (const auto& m : MarkersOf(*inv)) {
        EXPECT_EQ(bytes.find(m.bytes), std::string::npos)
            << when << ": the " << m.what << " of " << inv->id << " is still in the files";
      }
    }
    for (const auto& m : MarkersOf(kept)) {  // control: live data is still found
      EXPECT_NE(bytes.find(m.bytes), std::string::npos) << when << ": control " << m.what;
    }
  };
  check("while open");
  opened->reset();
  check("after close");
}

}  // namespace
}  // namespace usher::storage::sql
