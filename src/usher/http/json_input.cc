#include "usher/http/json_input.h"

namespace usher::http {
namespace {

// True when arrays/objects nest deeper than `limit` (outside strings): such bodies are
// refused before parsing, so no input can exhaust the stack.
bool NestsDeeperThan(const std::string& body, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : body) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace

Result<nlohmann::json> ParseJsonObject(const Request& req) {
  const std::string& type = req.Header("content-type");
  const std::string media = type.substr(0, type.find(';'));
  std::string lower;
  for (char c : media) {
    if (c != ' ') lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (lower != "application/json") {
    return Fail(ErrorKind::kBadRequest, "unsupported_media_type",
                "Send the body as application/json.");
  }
  if (NestsDeeperThan(req.body, 32)) {
    return Fail(ErrorKind::kBadRequest, "malformed_json", "The body nests too deeply.");
  }
  nlohmann::json j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded()) {
    return Fail(ErrorKind::kBadRequest, "malformed_json",
                "The body is not valid JSON (or not valid UTF-8).");
  }
  if (!j.is_object()) {
    return Fail(ErrorKind::kBadRequest, "invalid_body", "The body must be a JSON object.");
  }
  return j;
}

Fields::Fields(const nlohmann::json& obj, std::set<std::string> allowed) : obj_(obj) {
  for (const auto& [key, value] : obj.items()) {
    if (!allowed.contains(key)) errors_.push_back({key, "unknown_field"});
  }
}

bool Fields::Has(const std::string& name) const { return obj_.contains(name); }

const nlohmann::json* Fields::Get(const std::string& name) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) return nullptr;
  return &*it;
}

void Fields::TypeError(const std::string& name) { errors_.push_back({name, "invalid_type"}); }

std::optional<std::string> Fields::String(const std::string& name) {
  const auto* v = Get(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    TypeError(name);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::optional<std::string>> Fields::NullableString(const std::string& name) {
  if (!Has(name)) return std::nullopt;
  if (obj_.at(name).is_null()) return std::optional<std::string>();
  auto s = String(name);
  if (!s) return std::nullopt;
  return s;
}

std::optional<bool> Fields::Bool(const std::string& name) {
  const auto* v = Get(name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    TypeError(name);
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<long long> Fields::Int(const std::string& name) {
  const auto* v = Get(name);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    TypeError(name);
    return std::nullopt;
  }
  return v->get<long long>();
}

std::optional<std::vector<std::string>> Fields::Strings(const std::string& name) {
  const auto* v = Get(name);
  if (!v) return std::nullopt;
  std::vector<std::string> out;
  if (!v->is_array() || v->size() > 1000) {
    TypeError(name);
    return std::nullopt;
  }
  for (const auto& item : *v) {
    if (!item.is_string()) {
      TypeError(name);
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<std::vector<int>> Fields::Ints(const std::string& name) {
  const auto* v = Get(name);
  if (!v) return std::nullopt;
  std::vector<int> out;
  if (!v->is_array() || v->size() > 1000) {
    TypeError(name);
    return std::nullopt;
  }
  for (const auto& item : *v) {
    if (!item.is_number_integer() || item.get<long long>() < -1'000'000 ||
        item.get<long long>() > 1'000'000) {
      TypeError(name);
      return std::nullopt;
    }
    out.push_back(item.get<int>());
  }
  return out;
}

Status Fields::Finish() const {
  if (errors_.empty()) return Ok();
  return Fail(ValidationError(errors_));
}

}  // namespace usher::http
