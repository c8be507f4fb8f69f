// Phone numbers (SPEC R1): parsed with libphonenumber in the company's default region, valid
// numbers only, stored in E.164 ("+32470123456"). Pure, no I/O; libphonenumber logs are muted.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace usher::contact {

// `input` in E.164, parsed with `region` (ISO 3166 alpha-2, e.g. "BE") as the default region:
// "0470 12 34 56" with "BE" -> "+32470123456". nullopt when `region` is not supported, `input`
// is longer than 64 bytes, cannot be parsed, has an extension, or is not a valid number.
std::optional<std::string> NormalizePhone(std::string_view input, const std::string& region);

// True when libphonenumber supports `region` as a region code (upper-case two letters).
bool IsSupportedRegion(const std::string& region);

// A free-text search that looks like a phone number, in the form phones are stored in:
// E.164 when it is a whole valid number for `region` ("0470 12 34 56" -> "+32470123456"),
// else without spaces, dashes, dots and brackets ("+32 470" -> "+32470"). Other text is
// returned as it is.
std::string PhoneSearchKey(const std::string& q, const std::string& region);

}  // namespace usher::contact
