// E-mail addresses (SPEC R1): HTML's "valid e-mail address" syntax, internationalised domains
// accepted, at most 254 octets; stored as entered with the domain lower-cased. Pure, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace usher::contact {

// The address as it is stored: the local part as entered, the domain lower-cased (an
// internationalised domain stays in Unicode, lower-cased, NFC, in its IDNA U-label form), or
// nullopt when `input` is not a valid address or its stored form exceeds 254 octets.
std::optional<std::string> NormalizeEmail(std::string_view input);

// The address with its domain in ASCII (punycode), for the SMTP envelope. nullopt when invalid.
std::optional<std::string> EmailToAscii(std::string_view address);

}  // namespace usher::contact
