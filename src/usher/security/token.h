// What is stored of a token: its hash. A token is never stored in clear.
#pragma once

#include <string>
#include <string_view>

namespace usher::security {

// True when `token` has the shape NewToken() produces (43 base64url characters).
bool IsWellFormedToken(std::string_view token);

// BLAKE2b-256 of the token, as 64 hex digits: the database key of a token.
std::string HashToken(std::string_view token);

// Compares two hashes in constant time (for their common length).
bool HashesEqual(std::string_view a, std::string_view b);

}  // namespace usher::security
