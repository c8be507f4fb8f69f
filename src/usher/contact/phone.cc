#include "usher/contact/phone.h"

#include <cstddef>
#include <set>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#pragma GCC diagnostic pop

namespace usher::contact {
namespace {

using i18n::phonenumbers::NullLogger;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr size_t kMaxInputBytes = 64;

// The library, with its logging muted: parse errors may echo the number, and logs must never
// hold personal data.
const PhoneNumberUtil& Util() {
  static const PhoneNumberUtil* const util = [] {
    PhoneNumberUtil* u = PhoneNumberUtil::GetInstance();
    u->SetLogger(new NullLogger());  // takes ownership
    return u;
  }();
  return *util;
}

const std::set<std::string>& SupportedRegions() {
  static const std::set<std::string>* const regions = [] {
    auto* r = new std::set<std::string>();
    Util().GetSupportedRegions(r);
    return r;
  }();
  return *regions;
}

}  // namespace

bool IsSupportedRegion(const std::string& region) { return SupportedRegions().contains(region); }

std::optional<std::string> NormalizePhone(std::string_view input, const std::string& region) {
  if (input.size() > kMaxInputBytes || !IsSupportedRegion(region)) return std::nullopt;
  const PhoneNumberUtil& util = Util();
  PhoneNumber number;
  if (util.Parse(std::string(input), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return std::nullopt;
  }
  // E.164 has no room for an extension; dropping it silently would store another number.
  if (number.has_extension() || !util.IsValidNumber(number)) return std::nullopt;
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

std::string PhoneSearchKey(const std::string& q, const std::string& region) {
  int digits = 0;
  std::string compact;
  for (char c : q) {
    if (c >= '0' && c <= '9') {
      ++digits;
      compact.push_back(c);
    } else if (c == '+') {
      compact.push_back(c);
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
      return q;  // not phone-like
    }
  }
  if (digits < 3) return q;
  if (auto e164 = NormalizePhone(q, region)) return *e164;
  return compact;
}

}  // namespace usher::contact
