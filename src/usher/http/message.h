// Plain HTTP request and response values: what handlers see and return. No sockets here,
// so every handler is testable as a function.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace usher::http {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // percent-decoded, without the query
  std::map<std::string, std::string> query;    // decoded; the last value wins
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string client_ip;
  std::string request_id;
  std::map<std::string, std::string> params;  // path parameters, filled by the router

  // The header's value, or "" when absent. `name` in lower case.
  const std::string& Header(const std::string& name) const;
  // The query parameter's value, or "" when absent.
  const std::string& Query(const std::string& name) const;
  const std::string& Param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

Response JsonResponse(int status, const nlohmann::json& body);
Response NoContent();

// The client's address: the peer's, or, when the peer is one of `trusted_proxies`, the
// rightmost address of X-Forwarded-For that is not a trusted proxy (what the proxies saw).
std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

// Splits "a=1&b=%C3%A9" into decoded pairs; '+' is a space. Invalid escapes stay as is.
std::map<std::string, std::string> ParseQuery(std::string_view query);
// Decodes %XX escapes; invalid escapes stay as they are.
std::string PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace usher::http
