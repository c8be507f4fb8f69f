// Secret and unique values from libsodium's CSPRNG. Thread-safe.
#pragma once

#include <string>

#include "usher/base/time.h"

namespace usher::security {

// An opaque object id: 16 random bytes as 32 lower-case hex digits. Unguessable, so one
// company cannot probe another's ids.
std::string NewId();
// The same, with the first 4 bytes the creation time (seconds since 1970) and 12 random
// bytes: still unguessable, and ids made later sort later, so that rows inserted
// together land on the same index pages (far fewer pages written per commit).
std::string NewId(Time created_at);

// A registration or session token: 32 random bytes, base64url without padding (43 chars).
std::string NewToken();

}  // namespace usher::security
