#include "usher/security/random.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
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
  // 48 bits of milliseconds since 1970, then 80 random bits: ids made one after another
  // sort near each other, so inserts land on the last pages of an index instead of all
  // over it (far fewer pages written per transaction). Not secret: tokens are for that.
  std::array<unsigned char, 16> bytes;
  const auto ms = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  randombytes_buf(bytes.data() + 6, bytes.size() - 6);
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
