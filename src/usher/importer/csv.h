// Reading CSV files (RFC 4180 quoting) with libcsv: a table of UTF-8 text cells.
#pragma once

#include <string>
#include <vector>

#include "usher/base/result.h"

namespace usher::importer {

struct Table {
  char delimiter = ',';
  std::vector<std::vector<std::string>> records;  // the header is records[0]
};

// Parses `text`; the delimiter is ';' when the first line has semicolons and no commas
// (as spreadsheets write in much of Europe), else ','. A UTF-8 byte order mark is skipped.
// kInvalid "invalid_csv" for broken quoting or text that is not UTF-8.
Result<Table> ParseCsv(const std::string& text);

}  // namespace usher::importer
