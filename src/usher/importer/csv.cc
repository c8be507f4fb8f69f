#include "usher/importer/csv.h"

#include <csv.h>

#include "usher/base/text.h"

namespace usher::importer {
namespace {

struct Builder {
  Table* table;
  std::vector<std::string> record;
};

void OnField(void* s, size_t len, void* data) {
  static_cast<Builder*>(data)->record.emplace_back(static_cast<const char*>(s), len);
}

void OnRecord(int, void* data) {
  auto* b = static_cast<Builder*>(data);
  // A blank line is no record.
  if (!(b->record.size() == 1 && b->record[0].empty())) {
    b->table->records.push_back(std::move(b->record));
  }
  b->record.clear();
}

tl::unexpected<Error> Invalid(const std::string& why) {
  return Fail(ErrorKind::kInvalid, "invalid_csv", why);
}

}  // namespace

Result<Table> ParseCsv(const std::string& input) {
  std::string_view text = input;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!text::IsValidUtf8(text)) return Invalid("The file is not UTF-8 text.");
  Table table;
  const std::string_view first = text.substr(0, text.find('\n'));
  if (first.find(';') != std::string_view::npos && first.find(',') == std::string_view::npos) {
    table.delimiter = ';';
  }
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) return Invalid("Cannot read CSV.");
  csv_set_delim(&p, static_cast<unsigned char>(table.delimiter));
  Builder b{&table, {}};
  const size_t used = csv_parse(&p, text.data(), text.size(), OnField, OnRecord, &b);
  const bool ok = used == text.size() && csv_fini(&p, OnField, OnRecord, &b) == 0;
  const int error = csv_error(&p);
  csv_free(&p);
  if (!ok) {
    return Invalid(std::string("The CSV cannot be read: ") + csv_strerror(error) +
                   " (near record " + std::to_string(table.records.size() + 1) + ").");
  }
  return table;
}

}  // namespace usher::importer
