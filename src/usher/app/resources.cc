#include "usher/app/resources.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#ifndef USHER_SOURCE_DIR
#define USHER_SOURCE_DIR "."
#endif

namespace usher::app {
namespace fs = std::filesystem;

std::string ShareDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("USHER_SHARE_DIR"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  if (fs::is_directory(fs::path(USHER_SOURCE_DIR) / "templates", ec)) return USHER_SOURCE_DIR;
  return ".";
}

Result<Languages> LoadLanguages(const std::string& share_dir,
                                const std::vector<std::string>& with_templates) {
  std::vector<Language> list;
  for (const auto& code : with_templates) {
    std::ifstream in(fs::path(share_dir) / "locales" / (code + ".json"));
    if (!in) continue;
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.contains("name") || !j["name"].is_string()) continue;
    list.push_back({code, j["name"].get<std::string>()});
  }
  if (list.empty()) {
    return Fail(ErrorKind::kUnavailable, "no_languages",
                "No language has both locales/<code>.json and message templates under " +
                    share_dir + "; set --share-dir");
  }
  // English first, then by code: a stable order for lists and forms.
  std::sort(list.begin(), list.end(), [](const Language& a, const Language& b) {
    return (a.code != "en") < (b.code != "en") ||
           ((a.code != "en") == (b.code != "en") && a.code < b.code);
  });
  return Languages(std::move(list));
}

}  // namespace usher::app
