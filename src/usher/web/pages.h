// Server-rendered HTML: page templates (web/pages/*.html, mustache, HTML-escaped) and the
// UI strings of each language (locales/<code>.json). Loaded once; thread-safe to use.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "usher/base/languages.h"
#include "usher/base/result.h"
#include "usher/http/message.h"

namespace usher::web {

class Pages {
 public:
  // Reads share_dir/web/pages/*.html and share_dir/locales/*.json.
  // kUnavailable "pages_missing" when web/pages/layout.html is absent.
  static Result<std::unique_ptr<Pages>> Load(const std::string& share_dir);

  // The UI string `key` in `lang` (English when missing there), with {{placeholders}}
  // filled from `vars` (escaped when the page is rendered).
  std::string Text(const std::string& lang, const std::string& key,
                   const std::map<std::string, std::string>& vars = {}) const;

  // Page `name` rendered with `model` inside the layout; `model.lang` and `model.title`
  // are expected. Adds the security headers every page carries.
  http::Response Render(int status, const std::string& name, const nlohmann::json& model) const;

  // The stylesheet at /static/usher.css.
  const std::string& stylesheet() const { return css_; }

 private:
  std::map<std::string, std::string> pages_;
  std::map<std::string, std::map<std::string, std::string>> strings_;  // lang -> key -> text
  std::string css_;
};

// Headers of every HTML page: a Content-Security-Policy without inline scripts, no
// framing, no referrer (links carry tokens), no caching.
void AddPageHeaders(http::Response& r);

}  // namespace usher::web
