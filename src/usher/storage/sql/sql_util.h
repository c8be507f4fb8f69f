// Small helpers for SOCI statements in the SQLite adapter: NULL-able parameters, IN lists,
// dynamic statements, opaque page cursors. Internal to storage/sql.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "usher/base/time.h"

namespace usher::storage::sql {

// A parameter or column that may be NULL; bind with Use()/Into() below.
template <typename T>
struct Nullable {
  T value{};
  soci::indicator ind = soci::i_null;

  Nullable() = default;
  explicit Nullable(const std::optional<T>& v)
      : value(v.value_or(T{})), ind(v ? soci::i_ok : soci::i_null) {}
  std::optional<T> get() const {
    return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt;
  }
};

// An optional string key (e-mail, phone, external id): "" is stored as NULL.
Nullable<std::string> NullableKey(const std::optional<std::string>& v);
Nullable<long long> NullableTime(const std::optional<Time>& t);
inline std::optional<Time> ToTime(const Nullable<long long>& v) {
  return v.ind == soci::i_ok ? std::optional<Time>(FromUnix(v.value)) : std::nullopt;
}

template <typename T>
auto Use(Nullable<T>& v, const std::string& name) {
  return soci::use(v.value, v.ind, name);
}
template <typename T>
auto Into(Nullable<T>& v) {
  return soci::into(v.value, v.ind);
}

// Allocates, prepares and binds a statement whose into()/use() were added by exchange().
void Prepare(soci::statement& st, const std::string& query);
// Prepares and executes once; returns the number of rows changed.
long long ExecuteAndCount(soci::statement& st, const std::string& query);

// ":prefix0, :prefix1, ..." for an IN list of n values, each bound by name.
std::string Placeholders(const std::string& prefix, size_t n);
void BindList(soci::statement& st, const std::string& prefix,
              const std::vector<std::string>& values);
// `values` in slices of at most `size`, to keep IN lists well below SQLite's limit of bound
// parameters.
std::vector<std::vector<std::string>> Chunks(const std::vector<std::string>& values,
                                             size_t size = 500);

// The position after the last row of a page, for keyset pagination. `order` names the sort
// the cursor belongs to; `key` is its sort key (as text) and `id` the tie-breaker.
struct Cursor {
  std::string order;
  std::string key;
  std::string id;
};
// Opaque, URL-safe text.
std::string EncodeCursor(const Cursor& c);
// nullopt for any text EncodeCursor() did not make.
std::optional<Cursor> DecodeCursor(const std::string& text);

// Parses a whole decimal integer; nullopt otherwise.
std::optional<long long> ParseInteger(const std::string& s);

// The case-folded, NFC-normalised, trimmed form of a search query `q` ("" for none). It is
// matched with instr() against users.search_text, which treats every character literally
// (no LIKE wildcards to escape).
std::string SearchKey(const std::string& q);

// An expiry range [lo, hi) in unix seconds (lo >= 0) split for counting with
// expiry_counts (migration 0007): the whole hours [first_hour, end_hour) are summed from
// the kept counts; [lo, head_end) and [tail_start, hi), less than an hour each, are
// counted from index entries. Within one hour there are no whole hours (first_hour ==
// end_hour) and the head is the whole range.
struct ExpiryHours {
  long long first_hour = 0, end_hour = 0;
  long long lo = 0, head_end = 0;
  long long tail_start = 0, hi = 0;
};
ExpiryHours SplitByHours(long long lo, long long hi);

}  // namespace usher::storage::sql
