#include "usher/importer/csv.h"

#include <gtest/gtest.h>

namespace usher::importer {
namespace {

using Records = std::vector<std::vector<std::string>>;

TEST(Csv, R17_QuotedFieldsWithCommasNewlinesAndQuotes) {
  auto t = ParseCsv("first_name,last_name\r\n\"Ana, Maria\",\"O\"\"Neil\"\n\"Zoë\nNew\",李\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->delimiter, ',');
  EXPECT_EQ(t->records,
            (Records{{"first_name", "last_name"}, {"Ana, Maria", "O\"Neil"}, {"Zoë\nNew", "李"}}));
}

TEST(Csv, R17_SemicolonFilesFromSpreadsheets) {
  auto t = ParseCsv(
      "\xEF\xBB\xBF"
      "first_name;last_name\nAna;Peeters\n\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->delimiter, ';');
  EXPECT_EQ(t->records, (Records{{"first_name", "last_name"}, {"Ana", "Peeters"}}));
}

TEST(Csv, R17_BrokenQuotingAndNonUtf8AreRefused) {
  auto t = ParseCsv("a,b\n\"open,x\n");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, "invalid_csv");
  EXPECT_FALSE(ParseCsv("a,b\n\xff\xfe,x\n"));
  EXPECT_FALSE(ParseCsv("a,b\nx\"y,z\n"));  // a quote inside an unquoted field
}

}  // namespace
}  // namespace usher::importer
