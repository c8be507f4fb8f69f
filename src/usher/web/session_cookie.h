// Cookies of the web pages and the CSRF tokens of their forms (SPEC R15). Pure functions;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace usher::web {

inline constexpr char kCmsSessionCookie[] = "usher_session";
// The double-submit cookie of a login form (there is no session to derive a token from).
inline constexpr char kLoginCsrfCookie[] = "usher_login_csrf";

// The value of cookie `name` in a Cookie request header ("a=1; b=2"), or "" when absent.
std::string CookieValue(std::string_view cookie_header, std::string_view name);

// A Set-Cookie value: HttpOnly, SameSite=Strict, Path=/, Secure when `secure`, and
// Max-Age when given (a session cookie otherwise). `value` must be cookie-safe (base64url).
std::string SetCookie(std::string_view name, std::string_view value, bool secure,
                      std::optional<long long> max_age_seconds = std::nullopt);
// A Set-Cookie value that removes cookie `name` (empty, Max-Age=0, same flags).
std::string ClearCookie(std::string_view name, bool secure);

// True when cookies must be Secure: the public URL is https.
bool IsSecureUrl(std::string_view public_url);

// The CSRF token of the forms of one session: BLAKE2b keyed with the session token over a
// fixed label, base64url. Unguessable without the (HttpOnly) session cookie; the same in
// every process, so any web process can check it.
std::string CsrfForSession(std::string_view session_token);
// A fresh random value for the login double-submit cookie (43 base64url characters).
std::string NewLoginCsrf();
// Compares an expected and a submitted token in constant time; false when either is empty.
bool CsrfMatches(std::string_view expected, std::string_view given);

}  // namespace usher::web
