#include "usher/storage/sql/sql_util.h"

#include <gtest/gtest.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "usher/storage/sql/errors.h"

namespace usher::storage::sql {
namespace {

TEST(Cursor, RoundTripsAnyKeyAndId) {
  for (const Cursor& c : {Cursor{"expires_at", "1790000000", "inv-1"},
                          Cursor{"last_name", "o'neil\x1fzo\xc3\xab|:1:", "id:with|bars"},
                          Cursor{"users", "", "x"}}) {
    const std::string text = EncodeCursor(c);
    EXPECT_EQ(
        text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    const auto back = DecodeCursor(text);
    ASSERT_TRUE(back) << text;
    EXPECT_EQ(back->order, c.order);
    EXPECT_EQ(back->key, c.key);
    EXPECT_EQ(back->id, c.id);
  }
}

TEST(Cursor, RejectsTextItDidNotMake) {
  const std::string good = EncodeCursor({"users", "k", "id"});
  for (const std::string& bad :
       {std::string(), std::string("A"), std::string("====="), std::string("a b"), good + "A",
        good.substr(0, good.size() - 2), EncodeCursor({"users", "k", ""})}) {
    EXPECT_FALSE(DecodeCursor(bad)) << bad;
  }
}

TEST(SqlUtil, ParseIntegerIsStrict) {
  EXPECT_EQ(ParseInteger("1790000000"), 1790000000LL);
  EXPECT_EQ(ParseInteger("-5"), -5);
  EXPECT_FALSE(ParseInteger(""));
  EXPECT_FALSE(ParseInteger("12a"));
  EXPECT_FALSE(ParseInteger(" 1"));
}

TEST(SqlUtil, ChunksKeepOrderAndSize) {
  std::vector<std::string> values;
  for (int i = 0; i < 1001; ++i) values.push_back(std::to_string(i));
  const auto chunks = Chunks(values);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].size(), 500u);
  EXPECT_EQ(chunks[2], std::vector<std::string>{"1000"});
  EXPECT_TRUE(Chunks({}).empty());
}

TEST(SqlUtil, SearchKeyIsFoldedAndTrimmed) {
  EXPECT_EQ(SearchKey("  ZOË "), "zoë");
  EXPECT_EQ(SearchKey("100%_X"), "100%_x");
  EXPECT_EQ(SearchKey(""), "");
}

TEST(SqlUtil, SplitByHoursCoversTheRangeExactlyOnce) {
  // Every second of [lo, hi) lies in exactly one of the head, the whole hours and the tail.
  for (const auto& [lo, hi] :
       std::vector<std::pair<long long, long long>>{{0, 0},
                                                    {0, 1},
                                                    {0, 3600},
                                                    {1, 3599},
                                                    {3599, 3601},
                                                    {3600, 7200},
                                                    {100, 10'000},
                                                    {7199, 7201},
                                                    {5, 3},
                                                    {3600 * 5 + 7, 3600 * 9 + 11}}) {
    const ExpiryHours s = SplitByHours(lo, hi);
    EXPECT_LE(s.first_hour, s.end_hour) << lo << " " << hi;
    EXPECT_EQ(s.lo, lo);
    EXPECT_LE(s.lo, s.head_end);
    EXPECT_LE(s.tail_start, s.hi);
    EXPECT_LT(s.head_end - s.lo, 3600);
    EXPECT_LT(s.hi - s.tail_start, 3600);
    if (s.first_hour < s.end_hour) {
      EXPECT_EQ(s.head_end, s.first_hour * 3600);
      EXPECT_EQ(s.tail_start, s.end_hour * 3600);
    }
    const long long covered =
        (s.head_end - s.lo) + (s.end_hour - s.first_hour) * 3600 + (s.hi - s.tail_start);
    EXPECT_EQ(covered, std::max(0LL, hi - lo)) << lo << " " << hi;
  }
  const ExpiryHours s = SplitByHours(3600 * 5 + 7, 3600 * 9 + 11);
  EXPECT_EQ(s.first_hour, 6);
  EXPECT_EQ(s.end_hour, 9);
  EXPECT_EQ(s.head_end, 3600 * 6);
  EXPECT_EQ(s.tail_start, 3600 * 9);
}

TEST(Errors, UniqueViolationsNameTheColumnsAndHideValues) {
  const soci::sqlite3_soci_error unique(
      "sqlite3_statement_backend::loadOne: UNIQUE constraint failed: users.company_id, "
      "users.email_key",
      19);
  EXPECT_EQ(UniqueViolation(unique), "users.company_id, users.email_key");
  const soci::sqlite3_soci_error busy("database is locked", 5);
  EXPECT_FALSE(UniqueViolation(busy));
  const Error e = DatabaseError(busy);
  EXPECT_EQ(e.kind, ErrorKind::kUnavailable);
  EXPECT_EQ(e.code, "database_unavailable");
  const Error internal = DatabaseError(unique);
  EXPECT_EQ(internal.kind, ErrorKind::kInternal);
  EXPECT_EQ(internal.message.find("email"), std::string::npos);
}

}  // namespace
}  // namespace usher::storage::sql
