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
  // Reads share_dir/web/pages/*.html and share_dir/locales/*.json. A file whose name
  // starts with "_" (web/pages/_notice.html) is a partial, not a page: every page takes
  // it in with {{> _notice}}, rendered with the page's model.
  // kUnavailable "pages_missing" when web/pages/layout.html is absent.
  static Result<std::unique_ptr<Pages>> Load(const std::string& share_dir);

  // The UI string `key` in `lang` (English when missing there), with {{placeholders}}
  // filled from `vars` (escaped when the page is rendered).
  std::string Text(const std::string& lang, const std::string& key,
                   const std::map<std::string, std::string>& vars = {}) const;

  // True when English has the UI string `key` (to choose between a specific and a general
  // message).
  bool HasText(const std::string& key) const;

  // Page `name` rendered with `model` inside the layout; `model.lang` and `model.title`
  // are expected. Optional: `model.header_template` (a page rendered with the same model
  // above <main>), `model.main_class`, `model.scripts` ([{"src": "/static/x.js"}], which
  // also lets the CSP allow scripts from this origin). Adds the security headers every
  // page carries.
  http::Response Render(int status, const std::string& name, const nlohmann::json& model) const;

  // Page `name` rendered with `model` alone (no layout, no headers): a piece of HTML,
  // escaped, to place into another page with {{{...}}}. "" when there is no such page.
  std::string Fragment(const std::string& name, const nlohmann::json& model) const;

  // The stylesheet at /static/usher.css.
  const std::string& stylesheet() const { return css_; }
  // The script web/static/`name` (e.g. "cms.js"), or nullptr when there is none.
  const std::string* Script(const std::string& name) const;

 private:
  std::map<std::string, std::string> pages_;
  std::map<std::string, std::string> partials_;                        // "_name" -> text
  std::map<std::string, std::map<std::string, std::string>> strings_;  // lang -> key -> text
  std::string css_;
  std::map<std::string, std::string> scripts_;  // file name -> text
};

// Headers of every HTML page: a Content-Security-Policy without inline scripts, no
// framing, no referrer (links carry tokens), no caching. `scripts`: the page loads
// scripts from this origin (script-src 'self'; never inline ones).
void AddPageHeaders(http::Response& r, bool scripts = false);

}  // namespace usher::web
