#include "usher/security/random.h"

#include <sodium.h>

#include <array>
#include <cstdlib>

namespace usher::security {
namespace {

void InitOnce() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no secure randomness: nothing safe can be done
}

}  // namespace

std::string NewId() {
  InitOnce();
  std::array<unsigned char, 16> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 33> hex;
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return std::string(hex.data(), 32);
}

std::string NewToken() {
  InitOnce();
  std::array<unsigned char, 32> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(32, kVariant)> out;
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kVariant);
  sodium_memzero(bytes.data(), bytes.size());
  return std::string(out.data());
}

}  // namespace usher::security
