#include "usher/web/maildir_reader.h"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "usher/web/form.h"

namespace usher::web {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Quoted-printable; in a header word (RFC 2047 "Q") '_' is a space.
std::string DecodeQuotedPrintable(std::string_view s, bool header) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '=' && i + 1 < s.size() && s[i + 1] == '\n') {
      ++i;  // a soft line break
    } else if (c == '=' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else if (header && c == '_') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string DecodeBase64(std::string_view s) {
  std::string out(s.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), s.data(),
                        s.size(), " \t\r\n", &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return "";
  }
  out.resize(len);
  return out;
}

struct Part {
  std::vector<std::pair<std::string, std::string>> headers;  // lower-case name, value
  std::string body;
  std::string Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return "";
  }
};

// Headers (unfolded) and body of a message or MIME part with "\n" line ends.
Part SplitPart(std::string_view raw) {
  Part p;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t eol = raw.find('\n', pos);
    if (eol == std::string_view::npos) eol = raw.size();
    std::string_view line = raw.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !p.headers.empty()) {
      p.headers.back().second += " " + std::string(Trim(line));
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    p.headers.emplace_back(Lower(Trim(line.substr(0, colon))),
                           std::string(Trim(line.substr(colon + 1))));
  }
  if (pos < raw.size()) p.body = std::string(raw.substr(pos));
  return p;
}

std::string DecodeBody(const Part& p) {
  const std::string encoding = Lower(p.Header("content-transfer-encoding"));
  if (encoding == "quoted-printable") return DecodeQuotedPrintable(p.body, false);
  if (encoding == "base64") return DecodeBase64(p.body);
  return p.body;
}

// The text/plain content of a part, looking into multipart parts; nullopt when none.
std::optional<std::string> TextOf(const Part& p, int depth) {
  const std::string type = Lower(p.Header("content-type"));
  if (type.starts_with("multipart/") && depth < 5) {
    const std::string boundary = HeaderParameter(p.Header("content-type"), "boundary");
    if (boundary.empty()) return std::nullopt;
    const std::string delimiter = "--" + boundary;
    size_t pos = p.body.find(delimiter);
    while (pos != std::string::npos) {
      pos += delimiter.size();
      if (p.body.compare(pos, 2, "--") == 0) break;
      const size_t start = p.body.find('\n', pos);
      if (start == std::string::npos) break;
      const size_t end = p.body.find("\n" + delimiter, start);
      const std::string_view part_raw(p.body.data() + start + 1,
                                      (end == std::string::npos ? p.body.size() : end) - start - 1);
      if (auto text = TextOf(SplitPart(part_raw), depth + 1)) return text;
      if (end == std::string::npos) break;
      pos = end + 1;
    }
    return std::nullopt;
  }
  if (type.empty() || type.starts_with("text/plain")) return DecodeBody(p);
  return std::nullopt;
}

}  // namespace

std::string DecodeHeaderWords(std::string_view value) {
  std::string out;
  std::string pending_space;  // white space between two encoded words is dropped
  bool last_was_word = false;
  size_t pos = 0;
  while (pos < value.size()) {
    const size_t start = value.find("=?", pos);
    const std::string_view plain =
        value.substr(pos, start == std::string_view::npos ? std::string_view::npos : start - pos);
    size_t q1 = std::string_view::npos, q2 = std::string_view::npos, end = std::string_view::npos;
    if (start != std::string_view::npos) {
      q1 = value.find('?', start + 2);
      if (q1 != std::string_view::npos) q2 = value.find('?', q1 + 1);
      if (q2 != std::string_view::npos) end = value.find("?=", q2 + 1);
    }
    if (end == std::string_view::npos || q2 != q1 + 2) {
      out += std::string(value.substr(pos));
      break;
    }
    const bool blank = Trim(plain).empty();
    if (!(last_was_word && blank)) out += std::string(plain);
    const char encoding =
        static_cast<char>(std::toupper(static_cast<unsigned char>(value[q1 + 1])));
    const std::string_view text = value.substr(q2 + 1, end - q2 - 1);
    out += encoding == 'B' ? DecodeBase64(text) : DecodeQuotedPrintable(text, true);
    last_was_word = true;
    pos = end + 2;
  }
  return out;
}

MailText ParseMail(std::string_view raw_in) {
  std::string raw;
  raw.reserve(raw_in.size());
  for (size_t i = 0; i < raw_in.size(); ++i) {
    if (raw_in[i] == '\r' && i + 1 < raw_in.size() && raw_in[i + 1] == '\n') continue;
    raw += raw_in[i];
  }
  const Part p = SplitPart(raw);
  MailText m;
  const std::string sms_to = p.Header("x-usher-sms-to");
  m.to = DecodeHeaderWords(sms_to.empty() ? p.Header("to") : sms_to);
  m.subject = DecodeHeaderWords(p.Header("subject"));
  m.kind = p.Header("x-usher-message");
  m.invitation_id = p.Header("x-usher-invitation");
  m.text = TextOf(p, 0).value_or("");
  return m;
}

std::vector<MaildirEntry> ListMaildir(const std::string& dir, size_t limit) {
  struct Found {
    fs::file_time_type modified;  // full precision: several messages share a second
    MaildirEntry entry;
  };
  std::vector<Found> found;
  for (const char* sub : {"new", "cur"}) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(dir) / sub, ec)) {
      std::error_code file_ec;
      if (!e.is_regular_file(file_ec)) continue;
      const auto modified = fs::last_write_time(e.path(), file_ec);
      if (file_ec) continue;
      const auto system = std::chrono::file_clock::to_sys(modified);
      found.push_back(
          {modified,
           {e.path().filename().string(), std::chrono::time_point_cast<Seconds>(system)}});
    }
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.modified != b.modified ? a.modified > b.modified : a.entry.id > b.entry.id;
  });
  std::vector<MaildirEntry> out;
  for (size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].entry);
  return out;
}

std::optional<std::string> ReadMaildirFile(const std::string& dir, const std::string& id) {
  if (id.empty() || id.front() == '.' || id.find('/') != std::string::npos ||
      id.find('\0') != std::string::npos) {
    return std::nullopt;
  }
  for (const char* sub : {"new", "cur"}) {
    std::ifstream in(fs::path(dir) / sub / id, std::ios::binary);
    if (!in) continue;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  return std::nullopt;
}

std::vector<TextPiece> SplitLinks(std::string_view line) {
  std::vector<TextPiece> out;
  size_t pos = 0;
  while (pos < line.size()) {
    size_t a = line.find("http://", pos);
    const size_t b = line.find("https://", pos);
    if (b < a) a = b;
    if (a == std::string_view::npos) break;
    size_t end = a;
    while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end])) &&
           line[end] != '<' && line[end] != '>' && line[end] != '"') {
      ++end;
    }
    // Trailing punctuation belongs to the sentence, not the link.
    while (end > a && std::string_view(".,;:!?)").find(line[end - 1]) != std::string_view::npos) {
      --end;
    }
    if (a > pos) out.push_back({std::string(line.substr(pos, a - pos)), false});
    out.push_back({std::string(line.substr(a, end - a)), true});
    pos = end;
  }
  if (pos < line.size()) out.push_back({std::string(line.substr(pos)), false});
  return out;
}

}  // namespace usher::web
