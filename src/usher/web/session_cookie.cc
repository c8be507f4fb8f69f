#include "usher/web/session_cookie.h"

#include <sodium.h>

#include <array>

#include "usher/security/random.h"

namespace usher::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Flags(bool secure) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure ? "; Secure" : "");
}

}  // namespace

std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const size_t semi = header.find(';');
    const std::string_view pair = Trim(header.substr(0, semi));
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && Trim(pair.substr(0, eq)) == name) {
      std::string_view value = Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return "";
}

std::string SetCookie(std::string_view name, std::string_view value, bool secure,
                      std::optional<long long> max_age_seconds) {
  std::string out = std::string(name) + "=" + std::string(value) + Flags(secure);
  if (max_age_seconds) out += "; Max-Age=" + std::to_string(*max_age_seconds);
  return out;
}

std::string ClearCookie(std::string_view name, bool secure) {
  return SetCookie(name, "", secure, 0);
}

bool IsSecureUrl(std::string_view public_url) {
  if (public_url.size() < 8) return false;
  std::string scheme(public_url.substr(0, 8));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme == "https://";
}

std::string CsrfForSession(std::string_view session_token) {
  if (sodium_init() < 0 || session_token.empty()) return "";
  static constexpr std::string_view kLabel = "usher cms form v1";
  // The key of BLAKE2b is at most 64 bytes; a longer token is hashed first.
  std::array<unsigned char, crypto_generichash_KEYBYTES_MAX> key{};
  size_t key_size = session_token.size();
  if (key_size <= key.size() && key_size >= crypto_generichash_KEYBYTES_MIN) {
    std::copy(session_token.begin(), session_token.end(), key.begin());
  } else {
    crypto_generichash(key.data(), key.size(),
                       reinterpret_cast<const unsigned char*>(session_token.data()),
                       session_token.size(), nullptr, 0);
    key_size = key.size();
  }
  std::array<unsigned char, 32> mac;
  crypto_generichash(mac.data(), mac.size(), reinterpret_cast<const unsigned char*>(kLabel.data()),
                     kLabel.size(), key.data(), key_size);
  std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> out;
  sodium_bin2base64(out.data(), out.size(), mac.data(), mac.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string(out.data());
}

std::string NewLoginCsrf() { return security::NewToken(); }

bool CsrfMatches(std::string_view expected, std::string_view given) {
  if (expected.empty() || given.size() != expected.size()) return false;
  return sodium_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

}  // namespace usher::web
