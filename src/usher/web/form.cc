#include "usher/web/form.h"

#include <algorithm>

#include "usher/http/message.h"

namespace usher::web {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view LTrim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

std::string_view Trim(std::string_view s) {
  s = LTrim(s);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string HeaderParameter(std::string_view header, std::string_view key) {
  size_t pos = header.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = header.substr(pos + 1);
    const size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return "";
    const std::string name = Lower(Trim(rest.substr(0, eq)));
    rest = LTrim(rest.substr(eq + 1));  // still a suffix of `header`
    std::string value;
    size_t next;
    if (!rest.empty() && rest.front() == '"') {
      size_t i = 1;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        value += rest[i];
      }
      next = rest.find(';', i);
    } else {
      next = rest.find(';');
      value = std::string(Trim(rest.substr(0, next)));
    }
    if (name == key) return value;
    if (next == std::string_view::npos) return "";
    pos = header.size() - rest.size() + next;
  }
  return "";
}

namespace {

std::vector<std::pair<std::string, std::string>> ParseUrlEncoded(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view part = body.substr(0, amp);
    if (!part.empty()) {
      const size_t eq = part.find('=');
      out.emplace_back(http::PercentDecode(part.substr(0, eq), true),
                       eq == std::string_view::npos
                           ? std::string()
                           : http::PercentDecode(part.substr(eq + 1), true));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> ParseMultipart(
    std::string_view content_type, std::string_view body) {
  const std::string boundary = HeaderParameter(content_type, "boundary");
  auto bad = [] {
    return Fail(ErrorKind::kBadRequest, "invalid_form", "The form cannot be read.");
  };
  if (boundary.empty() || boundary.size() > 200) return bad();
  const std::string delimiter = "--" + boundary;
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return bad();
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return out;  // the close delimiter
    if (body.substr(pos, 2) != "\r\n") return bad();
    pos += 2;
    const size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return bad();
    std::string name;
    std::string_view headers = body.substr(pos, head_end - pos);
    while (!headers.empty()) {
      const size_t eol = headers.find("\r\n");
      const std::string_view line = headers.substr(0, eol);
      const size_t colon = line.find(':');
      if (colon != std::string_view::npos &&
          Lower(Trim(line.substr(0, colon))) == "content-disposition") {
        name = HeaderParameter(line.substr(colon + 1), "name");
      }
      if (eol == std::string_view::npos) break;
      headers.remove_prefix(eol + 2);
    }
    const size_t content = head_end + 4;
    const size_t next = body.find("\r\n" + delimiter, content);
    if (next == std::string_view::npos) return bad();
    out.emplace_back(name, std::string(body.substr(content, next - content)));
    pos = next + 2;
  }
}

}  // namespace

const std::string& Form::Get(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return kEmpty;
}

std::vector<std::string> Form::All(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : fields) {
    if (k == name) out.push_back(v);
  }
  return out;
}

bool Form::Has(std::string_view name) const {
  return std::any_of(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string QueryString(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [k, v] : pairs) {
    if (v.empty()) continue;
    out += (out.empty() ? "" : "&") + UrlEncode(k) + "=" + UrlEncode(v);
  }
  return out;
}

Result<Form> ParseForm(std::string_view content_type, std::string_view body) {
  const std::string type = Lower(Trim(content_type.substr(0, content_type.find(';'))));
  Form form;
  if (type == "application/x-www-form-urlencoded") {
    form.fields = ParseUrlEncoded(body);
  } else if (type == "multipart/form-data") {
    auto fields = ParseMultipart(content_type, body);
    if (!fields) return Fail(fields.error());
    form.fields = std::move(*fields);
  }
  return form;
}

}  // namespace usher::web
