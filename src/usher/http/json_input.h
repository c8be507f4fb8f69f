// Reading JSON request bodies: one place for content type, syntax, UTF-8 and field types.
// Every failure is an Error (kBadRequest for an unreadable body, kInvalid for fields).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "usher/base/result.h"
#include "usher/http/message.h"

namespace usher::http {

// The body as a JSON object. kBadRequest "unsupported_media_type" when the Content-Type is
// not application/json, "malformed_json" for bad syntax or bad UTF-8, "invalid_body" when
// the top level is not an object.
Result<nlohmann::json> ParseJsonObject(const Request& req);

// Reads typed members of a JSON object, collecting every type error ("invalid_type") and
// every member not in `allowed` ("unknown_field"); Finish() reports them all at once.
class Fields {
 public:
  Fields(const nlohmann::json& obj, std::set<std::string> allowed);

  bool Has(const std::string& name) const;
  // Absent or null -> nullopt.
  std::optional<std::string> String(const std::string& name);
  // Absent -> nullopt; null -> optional holding nullopt (a value to clear).
  std::optional<std::optional<std::string>> NullableString(const std::string& name);
  std::optional<bool> Bool(const std::string& name);
  std::optional<long long> Int(const std::string& name);
  std::optional<std::vector<std::string>> Strings(const std::string& name);
  std::optional<std::vector<int>> Ints(const std::string& name);

  // Ok when no member had a wrong type or an unknown name.
  Status Finish() const;

 private:
  const nlohmann::json* Get(const std::string& name);
  void TypeError(const std::string& name);

  const nlohmann::json& obj_;
  std::vector<FieldError> errors_;
};

}  // namespace usher::http
