// Secret and unique values from libsodium's CSPRNG. Thread-safe.
#pragma once

#include <string>

namespace usher::security {

// An opaque object id: 16 random bytes as 32 lower-case hex digits. Unguessable, so one
// company cannot probe another's ids.
std::string NewId();

// A registration or session token: 32 random bytes, base64url without padding (43 chars).
std::string NewToken();

}  // namespace usher::security
