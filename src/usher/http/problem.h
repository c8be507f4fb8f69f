// Errors become HTTP here and nowhere else: RFC 9457 problem documents with a stable
// `code`, field errors with a message for people, and Retry-After for kRateLimited.
#pragma once

#include <string>

#include "usher/base/result.h"
#include "usher/http/message.h"

namespace usher::http {

// The HTTP status of an error: its kind decides, but for a few transport codes
// (unsupported_media_type 415, payload_too_large 413, method_not_allowed 405,
// headers_too_large 431).
int StatusOf(const Error& e);

// The problem document of `e`: type, title, status, detail, code, errors[] (field, code,
// message), and every detail of `e` as a member (invitation_id, resend_available_at, ...).
Response Problem(const Error& e);

// A human sentence for a field error, in English.
std::string FieldMessage(const std::string& field, const std::string& code);

}  // namespace usher::http
