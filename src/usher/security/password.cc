#include "usher/security/password.h"

#include <sodium.h>

#include <array>
#include <atomic>

#include "usher/security/random.h"

namespace usher::security {
namespace {
std::atomic<long long> password_checks{0};
}  // namespace

std::optional<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return std::nullopt;
  std::array<char, crypto_pwhash_STRBYTES> out;
  if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return std::nullopt;
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  if (sodium_init() < 0) return false;
  password_checks.fetch_add(1, std::memory_order_relaxed);
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyPasswordHash() {
  static const std::string hash = HashPassword(NewToken()).value_or("");
  return hash;
}

long long PasswordChecks() { return password_checks.load(std::memory_order_relaxed); }

}  // namespace usher::security
