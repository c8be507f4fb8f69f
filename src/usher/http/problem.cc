#include "usher/http/problem.h"

#include <map>

namespace usher::http {
namespace {

struct KindInfo {
  int status;
  const char* title;
};

KindInfo InfoOf(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kBadRequest:
      return {400, "The request cannot be read"};
    case ErrorKind::kInvalid:
      return {422, "The request has invalid fields"};
    case ErrorKind::kNotFound:
      return {404, "Not found"};
    case ErrorKind::kConflict:
      return {409, "Conflict"};
    case ErrorKind::kRateLimited:
      return {429, "Too many requests"};
    case ErrorKind::kUnauthenticated:
      return {401, "Authentication required"};
    case ErrorKind::kUnavailable:
      return {503, "Service unavailable"};
    case ErrorKind::kInternal:
      return {500, "Internal error"};
  }
  return {500, "Internal error"};
}

}  // namespace

int StatusOf(const Error& e) {
  static const std::map<std::string, int> kByCode = {{"unsupported_media_type", 415},
                                                     {"payload_too_large", 413},
                                                     {"method_not_allowed", 405},
                                                     {"headers_too_large", 431}};
  auto it = kByCode.find(e.code);
  return it != kByCode.end() ? it->second : InfoOf(e.kind).status;
}

std::string FieldMessage(const std::string& field, const std::string& code) {
  static const std::map<std::string, std::string> kMessages = {
      {"required", "This field is required."},
      {"too_long", "This is too long."},
      {"too_short", "This is too short."},
      {"invalid", "This value is not valid."},
      {"invalid_type", "This field has the wrong type."},
      {"unknown_field", "This field is not known."},
      {"out_of_range", "This number is out of range."},
      {"taken", "This value is already used by another user of the company."},
      {"name_taken", "This name is already used."},
      {"email_or_phone_required", "Give an e-mail address or a phone number (or both)."},
      {"unknown_store", "One of the stores does not exist."},
      {"manager_requires_store",
       "A manager needs at least one store, or the app cannot start for them."},
      {"at_least_one_group",
       "Choose at least one user group, or the user sees no learning content."},
      {"unknown_group", "One of the user groups does not exist."},
      {"agreement_required", "Accept the user agreement to invite."},
      {"unsupported_language", "Choose one of the supported languages."},
      {"password_too_common", "This password is too common."},
      {"password_contains_name", "The password must not contain your name or e-mail."},
  };
  if (field == "name" && code == "taken") return "This name is already used.";
  if (field == "email" && code == "invalid") return "This is not a valid e-mail address.";
  if (field == "phone" && code == "invalid") return "This is not a valid phone number.";
  auto it = kMessages.find(code);
  return it != kMessages.end() ? it->second : "This value is not accepted.";
}

Response Problem(const Error& e) {
  const int status = StatusOf(e);
  nlohmann::json body = {{"type", "https://usher.dev/problems/" + e.code},
                         {"title", InfoOf(e.kind).title},
                         {"status", status},
                         {"detail", e.message.empty() ? InfoOf(e.kind).title : e.message},
                         {"code", e.code}};
  if (!e.fields.empty()) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& f : e.fields) {
      errors.push_back(
          {{"field", f.field}, {"code", f.code}, {"message", FieldMessage(f.field, f.code)}});
    }
    body["errors"] = std::move(errors);
  }
  for (const auto& [k, v] : e.details) {
    if (k != "retry_after") body[k] = v;
  }
  Response r = JsonResponse(status, body);
  r.content_type = "application/problem+json";
  const std::string retry = e.Detail("retry_after");
  if (!retry.empty()) r.headers.emplace_back("Retry-After", retry);
  if (e.kind == ErrorKind::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace usher::http
