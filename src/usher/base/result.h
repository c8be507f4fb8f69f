// Errors as values. Every function that can fail across a module boundary returns
// Result<T> (a value or an Error) or Status (Result<void>). Errors become HTTP problems
// in exactly one place (the HTTP adapter); the CLI turns them into exit codes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace usher {

// What kind of failure; decides the HTTP status and the exit code.
//   kBadRequest   the request cannot be read: malformed JSON, wrong content type (400).
//   kInvalid      the input breaks a rule (422); `fields` says which.
//   kNotFound     no such object, or not visible to the caller (404).
//   kConflict     the object's state or a uniqueness rule forbids it (409).
//   kRateLimited  try again later (429); `retry_after` holds when.
//   kUnauthenticated  bad or missing credentials (401).
//   kUnavailable  a dependency (database, mail server) is down; retrying may help (503).
//   kInternal     a bug or a broken invariant (500).
enum class ErrorKind {
  kBadRequest,
  kInvalid,
  kNotFound,
  kConflict,
  kRateLimited,
  kUnauthenticated,
  kUnavailable,
  kInternal
};

// One broken rule of one field, as in SPEC R1: {"field": "email", "code": "invalid"}.
struct FieldError {
  std::string field;
  std::string code;
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;                // stable, machine-readable: "validation", "already_invited", ...
  std::string message;             // for people (English; the HTTP layer may translate by code)
  std::vector<FieldError> fields;  // for kInvalid
  std::vector<std::pair<std::string, std::string>> details;  // e.g. {"invitation_id", "..."}

  // The value of detail `key`, or "" when absent.
  std::string Detail(const std::string& key) const;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

inline tl::unexpected<Error> Fail(ErrorKind kind, std::string code, std::string message = {}) {
  return tl::unexpected<Error>(Error{kind, std::move(code), std::move(message), {}, {}});
}
inline tl::unexpected<Error> Fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

// A kInvalid error with code "validation" listing every broken field rule.
Error ValidationError(std::vector<FieldError> fields);

inline Status Ok() { return {}; }

}  // namespace usher

// Evaluates `expr` (a Result or Status); returns its error from the enclosing function.
#define USHER_RETURN_IF_ERROR(expr)                         \
  do {                                                      \
    auto usher_status_ = (expr);                            \
    if (!usher_status_) return Fail(usher_status_.error()); \
  } while (0)
