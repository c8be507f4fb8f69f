// Where usher finds its files (templates/, locales/), and the languages they make.
#pragma once

#include <string>

#include "usher/base/languages.h"
#include "usher/base/result.h"

namespace usher::app {

// The folder holding templates/ and locales/: `flag` when given, else $USHER_SHARE_DIR,
// else the source tree this binary was built from, else the current folder.
std::string ShareDir(const std::string& flag);

// R12: the languages that have a locales/<code>.json (with its "name") and every message
// template. kUnavailable when none.
Result<Languages> LoadLanguages(const std::string& share_dir,
                                const std::vector<std::string>& with_templates);

}  // namespace usher::app
