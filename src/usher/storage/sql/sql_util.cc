#include "usher/storage/sql/sql_util.h"

#include <algorithm>
#include <charconv>
#include <cstddef>

#include "usher/base/text.h"

namespace usher::storage::sql {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kCursorVersion[] = "c1";

std::string Base64UrlEncode(const std::string& in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (i + 2 == in.size()) {
    const unsigned v =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

int Sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

std::optional<std::string> Base64UrlDecode(const std::string& in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const int v = Sextet(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;  // non-canonical tail
  return out;
}

// Reads "<decimal length>:" followed by that many bytes from `s` at `pos`.
std::optional<std::string> ReadField(const std::string& s, size_t& pos) {
  const size_t colon = s.find(':', pos);
  if (colon == std::string::npos) return std::nullopt;
  const auto length = ParseInteger(s.substr(pos, colon - pos));
  if (!length || *length < 0 || static_cast<size_t>(*length) > s.size() - colon - 1) {
    return std::nullopt;
  }
  std::string field = s.substr(colon + 1, static_cast<size_t>(*length));
  pos = colon + 1 + static_cast<size_t>(*length);
  return field;
}

std::string Field(const std::string& v) { return std::to_string(v.size()) + ":" + v; }

}  // namespace

Nullable<std::string> NullableKey(const std::optional<std::string>& v) {
  return Nullable<std::string>(v && !v->empty() ? v : std::nullopt);
}

Nullable<long long> NullableTime(const std::optional<Time>& t) {
  return Nullable<long long>(t ? std::optional<long long>(ToUnix(*t)) : std::nullopt);
}

void Prepare(soci::statement& st, const std::string& query) {
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
}

long long ExecuteAndCount(soci::statement& st, const std::string& query) {
  Prepare(st, query);
  st.execute(true);
  return st.get_affected_rows();
}

std::string Placeholders(const std::string& prefix, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += ", ";
    out += ":" + prefix + std::to_string(i);
  }
  return out;
}

void BindList(soci::statement& st, const std::string& prefix,
              const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    st.exchange(soci::use(values[i], prefix + std::to_string(i)));
  }
}

std::vector<std::vector<std::string>> Chunks(const std::vector<std::string>& values, size_t size) {
  std::vector<std::vector<std::string>> chunks;
  for (size_t start = 0; start < values.size(); start += size) {
    const size_t end = std::min(values.size(), start + size);
    chunks.emplace_back(values.begin() + static_cast<std::ptrdiff_t>(start),
                        values.begin() + static_cast<std::ptrdiff_t>(end));
  }
  return chunks;
}

std::string EncodeCursor(const Cursor& c) {
  return Base64UrlEncode(std::string(kCursorVersion) + Field(c.order) + Field(c.key) + Field(c.id));
}

std::optional<Cursor> DecodeCursor(const std::string& text) {
  if (text.empty() || text.size() > 4096) return std::nullopt;
  const auto raw = Base64UrlDecode(text);
  if (!raw || raw->rfind(kCursorVersion, 0) != 0) return std::nullopt;
  size_t pos = sizeof(kCursorVersion) - 1;
  auto order = ReadField(*raw, pos);
  if (!order) return std::nullopt;
  auto key = ReadField(*raw, pos);
  if (!key) return std::nullopt;
  auto id = ReadField(*raw, pos);
  if (!id || id->empty() || pos != raw->size()) return std::nullopt;
  return Cursor{std::move(*order), std::move(*key), std::move(*id)};
}

std::optional<long long> ParseInteger(const std::string& s) {
  long long v = 0;
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

std::string SearchKey(const std::string& q) {
  if (!text::IsValidUtf8(q)) return text::Fold(q);
  return text::Fold(text::Clean(q));
}

ExpiryHours SplitByHours(long long lo, long long hi) {
  constexpr long long kHour = 3600;
  ExpiryHours split;
  split.lo = lo;
  split.hi = std::max(lo, hi);
  const long long first = (lo + kHour - 1) / kHour;  // the first hour starting at or after lo
  const long long end = split.hi / kHour;            // the hour holding hi
  if (first <= end) {
    split.first_hour = first;
    split.end_hour = end;
    split.head_end = first * kHour;
    split.tail_start = end * kHour;
  } else {
    split.head_end = split.tail_start = split.hi;
  }
  return split;
}

}  // namespace usher::storage::sql
