#include "usher/onboarding/rules.h"

#include <array>
#include <string_view>

#include "usher/base/text.h"

namespace usher::onboarding {
namespace {

// Passwords of 10+ characters that lead every published list of leaked passwords, and
// their obvious variants. Case-insensitive; digits and '!' appended are stripped first.
constexpr std::string_view kCommon[] = {
    "password",   "passw0rd",   "p@ssword", "p@ssw0rd",   "qwerty",        "qwertyuiop",
    "azerty",     "azertyuiop", "qwertz",   "qwertzuiop", "asdfghjkl",     "zxcvbnm",
    "iloveyou",   "welcome",    "letmein",  "admin",      "administrator", "sunshine",
    "princess",   "football",   "baseball", "starwars",   "dragon",        "monkey",
    "master",     "superman",   "trustno",  "whatever",   "changeme",      "secret",
    "abcdefghij", "abcdefg",    "abc",      "login",      "computer",      "michael",
    "jennifer",   "charlie",    "shadow",   "freedom",    "wachtwoord",    "motdepasse",
    "passwort",   "contrasena", "senha",    "haslo",      "usher",         "mobietrain"};

std::string StripDecoration(std::string s) {
  while (!s.empty() && (std::isdigit(static_cast<unsigned char>(s.back())) || s.back() == '!' ||
                        s.back() == '.' || s.back() == '?')) {
    s.pop_back();
  }
  return s;
}

bool IsRun(const std::string& s) {
  if (s.size() < 2) return true;
  bool same = true, up = true, down = true;
  for (size_t i = 1; i < s.size(); ++i) {
    same = same && s[i] == s[0];
    up = up && s[i] == s[i - 1] + 1;
    down = down && s[i] == s[i - 1] - 1;
  }
  return same || up || down;
}

bool ContainsPart(const std::string& folded_password, const std::string& part) {
  const std::string p = text::Fold(part);
  return text::Length(p) >= 3 && folded_password.find(p) != std::string::npos;
}

}  // namespace

bool IsCommonPassword(const std::string& password) {
  const std::string folded = text::Fold(password);
  if (IsRun(folded)) return true;
  const std::string core = StripDecoration(folded);
  if (core.empty() || IsRun(core)) return true;
  for (std::string_view common : kCommon) {
    if (core == common) return true;
  }
  return false;
}

std::vector<FieldError> CheckPassword(const std::string& password, const directory::User& user) {
  if (!text::IsValidUtf8(password)) return {{"password", "invalid"}};
  const size_t length = text::Length(password);
  if (length < kMinPassword) return {{"password", "too_short"}};
  if (length > kMaxPassword) return {{"password", "too_long"}};
  if (IsCommonPassword(password)) return {{"password", "password_too_common"}};
  const std::string folded = text::Fold(password);
  std::string local = user.email.value_or("");
  local = local.substr(0, local.find('@'));
  if (ContainsPart(folded, user.first_name) || ContainsPart(folded, user.last_name) ||
      ContainsPart(folded, local)) {
    return {{"password", "password_contains_name"}};
  }
  return {};
}

}  // namespace usher::onboarding
