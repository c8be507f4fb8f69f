#include "usher/contact/email.h"

#include <cstddef>
#include <memory>
#include <utility>

#include <idn2.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "usher/base/text.h"

namespace usher::contact {
namespace {

constexpr size_t kMaxAddressOctets = 254;
constexpr size_t kMaxLabelOctets = 63;

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsLocalPartChar(char c) {
  return IsAsciiAlnum(c) ||
         std::string_view(".!#$%&'*+/=?^_`{|}~-").find(c) != std::string_view::npos;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// HTML's domain syntax: dot-separated labels of [A-Za-z0-9-], each 1..63 octets, no label
// starting or ending with '-'.
bool IsAsciiDomain(std::string_view domain) {
  size_t begin = 0;
  while (true) {
    const size_t dot = domain.find('.', begin);
    const std::string_view label =
        domain.substr(begin, dot == std::string_view::npos ? dot : dot - begin);
    if (label.empty() || label.size() > kMaxLabelOctets) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!IsAsciiAlnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    begin = dot + 1;
  }
}

struct Idn2Free {
  void operator()(char* p) const { idn2_free(p); }
};

// Unicode lower-case (root locale, so never Turkish dotless i), then NFC.
std::optional<std::string> LowerNfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  const icu::UnicodeString normalized = nfc->normalize(u.toLower(icu::Locale::getRoot()), status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

// libidn2 conversions of a NUL-free domain; nullopt when libidn2 refuses it.
std::optional<std::string> Idn2ToAscii(const std::string& domain) {
  char* out = nullptr;
  const int rc = idn2_to_ascii_8z(domain.c_str(), &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  const std::unique_ptr<char, Idn2Free> owned(out);
  if (rc != IDN2_OK || out == nullptr) return std::nullopt;
  return std::string(out);
}

std::optional<std::string> Idn2ToUnicode(const std::string& domain) {
  char* out = nullptr;
  const int rc = idn2_to_unicode_8z8z(domain.c_str(), &out, 0);
  const std::unique_ptr<char, Idn2Free> owned(out);
  if (rc != IDN2_OK || out == nullptr) return std::nullopt;
  return std::string(out);
}

struct Address {
  std::string_view local;
  std::string domain;        // as stored
  std::string ascii_domain;  // for the SMTP envelope
};

std::optional<Address> Parse(std::string_view input) {
  const size_t at = input.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  Address address{input.substr(0, at), {}, {}};
  if (address.local.empty()) return std::nullopt;
  for (char c : address.local) {
    if (!IsLocalPartChar(c)) return std::nullopt;
  }
  const std::string_view domain = input.substr(at + 1);
  if (IsAscii(domain)) {
    if (!IsAsciiDomain(domain)) return std::nullopt;
    address.domain = text::AsciiLower(domain);
    address.ascii_domain = address.domain;
    // An internationalised domain typed in its ASCII form ("xn--bcher-kva.example") is
    // stored in its Unicode form, so that R3 sees one address, however it was typed.
    if (address.domain.starts_with("xn--") ||
        address.domain.find(".xn--") != std::string::npos) {
      std::optional<std::string> unicode = Idn2ToUnicode(address.domain);
      if (!unicode || Idn2ToAscii(*unicode) != address.domain) return std::nullopt;
      address.domain = std::move(*unicode);
    }
    return address;
  }
  // Internationalised: the ASCII characters must already be those of the domain syntax (this
  // also keeps NUL, white space and line breaks away from libidn2).
  if (!text::IsValidUtf8(domain)) return std::nullopt;
  for (char c : domain) {
    if (static_cast<unsigned char>(c) < 0x80 && !IsAsciiAlnum(c) && c != '-' && c != '.') {
      return std::nullopt;
    }
  }
  const std::optional<std::string> lowered = LowerNfc(domain);
  if (!lowered) return std::nullopt;
  std::optional<std::string> ascii = Idn2ToAscii(*lowered);
  if (!ascii || !IsAsciiDomain(*ascii)) return std::nullopt;
  // Store the U-label form of exactly the ASCII domain, so both always name the same domain.
  std::optional<std::string> unicode = Idn2ToUnicode(*ascii);
  if (!unicode) return std::nullopt;
  address.domain = std::move(*unicode);
  address.ascii_domain = std::move(*ascii);
  return address;
}

}  // namespace

std::optional<std::string> NormalizeEmail(std::string_view input) {
  const std::optional<Address> address = Parse(input);
  if (!address) return std::nullopt;
  std::string stored = std::string(address->local) + "@" + address->domain;
  if (stored.size() > kMaxAddressOctets) return std::nullopt;
  return stored;
}

std::optional<std::string> EmailToAscii(std::string_view address) {
  const std::optional<Address> parsed = Parse(address);
  if (!parsed) return std::nullopt;
  if (parsed->local.size() + 1 + parsed->domain.size() > kMaxAddressOctets) return std::nullopt;
  return std::string(parsed->local) + "@" + parsed->ascii_domain;
}

}  // namespace usher::contact
