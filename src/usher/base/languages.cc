#include "usher/base/languages.h"

namespace usher {

Languages Languages::Default() {
  return Languages({{"en", "English"},
                    {"nl", "Nederlands"},
                    {"fr", "Français"},
                    {"de", "Deutsch"},
                    {"es", "Español"},
                    {"it", "Italiano"},
                    {"pt", "Português"},
                    {"pl", "Polski"}});
}

bool Languages::Supports(const std::string& code) const {
  for (const auto& l : list_) {
    if (l.code == code) return true;
  }
  return false;
}

}  // namespace usher
