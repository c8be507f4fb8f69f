// SMS length rules (SPEC R11: at most 2 segments). Pure.
#pragma once

#include <string>

namespace usher::outbox {

inline constexpr int kMaxSmsSegments = 2;

// How many segments the UTF-8 `text` takes: GSM 03.38 (7-bit; the extension table counts
// twice) at 160 characters alone or 153 per part, else UCS-2 at 70 alone or 67 per part
// (UTF-16 code units).
int SmsSegments(const std::string& text);
// True when every character is in the GSM 03.38 basic or extension table.
bool IsGsm7(const std::string& text);

}  // namespace usher::outbox
