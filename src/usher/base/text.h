// Unicode text helpers for input from outside. All take and return UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace usher::text {

bool IsValidUtf8(std::string_view s);
// NFC-normalised `s` with Unicode white space trimmed at both ends. `s` must be valid UTF-8.
std::string Clean(std::string_view s);
// Number of code points (not bytes) of valid UTF-8 `s`.
size_t Length(std::string_view s);
// True when `s` holds a control character (Cc), a line or paragraph separator, or a
// bidirectional override/isolate (used to disguise text).
bool HasControlCharacters(std::string_view s);
std::string AsciiLower(std::string_view s);
// Unicode case folding (full), for case-insensitive comparison and search: "ZOË" -> "zoë".
std::string Fold(std::string_view s);

}  // namespace usher::text
