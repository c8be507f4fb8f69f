// The languages usher speaks (SPEC R12). The list comes from files (locales/*.json), so
// adding a language is adding files; the domain only asks whether a code is supported.
#pragma once

#include <string>
#include <vector>

namespace usher {

struct Language {
  std::string code;  // "nl"
  std::string name;  // "Nederlands", in the language itself
};

class Languages {
 public:
  explicit Languages(std::vector<Language> list) : list_(std::move(list)) {}
  // The eight languages of SPEC R12; for tests and as the built-in default.
  static Languages Default();
  bool Supports(const std::string& code) const;
  const std::vector<Language>& list() const { return list_; }

 private:
  std::vector<Language> list_;
};

}  // namespace usher
