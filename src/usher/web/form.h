// The body of an HTML form as sent by a browser: application/x-www-form-urlencoded or
// multipart/form-data (file uploads). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "usher/base/result.h"

namespace usher::web {

struct Form {
  std::vector<std::pair<std::string, std::string>> fields;  // in the order sent

  // The first value of `name`, or "" when absent.
  const std::string& Get(std::string_view name) const;
  // Every value of `name` (a multi-select sends one per chosen option).
  std::vector<std::string> All(std::string_view name) const;
  bool Has(std::string_view name) const;
};

// The value of parameter `key` (lower case) of a header value such as
// `form-data; name="a"` or `multipart/alternative; boundary=x`; "" when absent.
std::string HeaderParameter(std::string_view header, std::string_view key);

// Percent-encodes everything but unreserved characters (RFC 3986), for query strings.
std::string UrlEncode(std::string_view s);
// "a=1&b=x%20y" from pairs, leaving out those with an empty value.
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& pairs);

// Reads `body` by its Content-Type. Another type (or none) gives an empty form.
// kBadRequest "invalid_form" when a multipart body cannot be read (no boundary, no end).
Result<Form> ParseForm(std::string_view content_type, std::string_view body);

}  // namespace usher::web
