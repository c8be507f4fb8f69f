// Secret and unique values from libsodium's CSPRNG. Thread-safe.
#pragma once

#include <string>

namespace usher::security {

// An opaque object id: 32 lower-case hex digits, the creation time in milliseconds (48
// bits) then 80 random bits. Unguessable, so one company cannot probe another's ids; ids
// made later sort later (inserts stay local in indexes).
std::string NewId();

// A registration or session token: 32 random bytes, base64url without padding (43 chars).
std::string NewToken();

}  // namespace usher::security
