// Password hashing with Argon2id (libsodium, interactive limits: 64 MiB, 2 passes).
// Slow by design (~50-100 ms): never call on an I/O thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace usher::security {

// The encoded hash ("$argon2id$v=19$m=65536,t=2,p=1$..."), or nullopt when out of memory.
std::optional<std::string> HashPassword(std::string_view password);

// True when `password` matches `encoded_hash`. Takes as long for a wrong password.
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);

// A hash of a random password, to verify against when the account does not exist, so that
// an unknown login takes as long as a wrong password (no account enumeration).
const std::string& DummyPasswordHash();

// How many password checks (VerifyPassword calls, dummy ones included) this process has made:
// the main CPU cost of logins, exposed in /metrics, and the observable side of the rule that
// every failed login checks a hash. Thread-safe.
long long PasswordChecks();

}  // namespace usher::security
