#include "usher/security/random.h"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <cstdlib>

namespace usher::security {
namespace {

void InitOnce() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no secure randomness: nothing safe can be done
}

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string hex(2 * n + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string NewId() {
  InitOnce();
  std::array<unsigned char, 16> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  return Hex(bytes.data(), bytes.size());
}

std::string NewId(Time created_at) {
  InitOnce();
  std::array<unsigned char, 16> bytes;
  const auto seconds = static_cast<uint32_t>(ToUnix(created_at));
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<unsigned char>(seconds >> (8 * (3 - i)));
  randombytes_buf(bytes.data() + 4, bytes.size() - 4);
  return Hex(bytes.data(), bytes.size());
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
