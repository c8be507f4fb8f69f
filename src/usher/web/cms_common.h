// What every CMS page shares (internal to the cms_*.cc files): the logged-in admin's visit
// (session cookie, CSRF check), the page model with header, navigation and tabs, form
// fields with their errors, redirects and the pages that say what went wrong.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "usher/api/api.h"
#include "usher/http/router.h"
#include "usher/web/form.h"
#include "usher/web/pages.h"
#include "usher/web/web.h"

namespace usher::web::cms {

using nlohmann::json;

// The parts of the process the CMS uses; lives as long as the router.
struct Cms {
  api::Services& s;
  const Pages& pages;
  WebOptions options;
  bool SecureCookies() const;
};
using CmsPtr = std::shared_ptr<const Cms>;

// One request of a logged-in admin: who, in which language, the CSRF token of the
// session, and the submitted form (POST only, its csrf already checked).
struct Visit {
  const Cms& cms;
  const auth::AdminLogin& admin;
  std::string lang;
  std::string csrf;
  Form form;

  invitation::Actor Actor() const { return {admin.company.id, admin.admin.id}; }
  const company::Settings& Settings() const { return admin.company.settings; }
  // The UI string "cms.`key`" in the admin's language.
  std::string T(const std::string& key, const std::map<std::string, std::string>& vars = {}) const;
  // The model every CMS page starts from: <title> "H1 · usher", header with the main
  // navigation (`section` is current), logout form, csrf, script. `notice` from ?notice=.
  json Model(const http::Request& req, const std::string& section, const std::string& h1) const;
  // Model() of a tab of user management (users, invite, invitations) with its tabs.
  json TabModel(const http::Request& req, const std::string& tab, const std::string& h1) const;
  http::Response Render(int status, const std::string& page, const json& model) const;
};

// The admin's choice of language for the CMS (a preference, not a secret).
inline constexpr char kCmsLanguageCookie[] = "usher_cms_lang";
// The language of a CMS page: the chosen one (cookie), else `fallback` when supported,
// else English.
std::string PageLanguage(const Cms& cms, const http::Request& req, const std::string& fallback);
// Where to go after logging in or switching language: a CMS path, never another site.
std::string SafeCmsPath(const std::string& path);
// The language switch of the layout (has_languages, languages) for the page `req` shows.
void AddLanguageSwitch(const Cms& cms, const http::Request& req, const std::string& lang, json& m);

// A CMS page handler; only called for a logged-in admin and, on POST, a right csrf field.
using PageHandler = std::function<http::Response(http::Request&, Visit&)>;
// Without a valid session cookie: 303 to /cms/login?next=PATH. A POST without the
// session's csrf token: 403 page.
http::Handler AdminPage(const CmsPtr& cms, PageHandler handler);

// 303 See Other to `location` (a path of this site), with optional Set-Cookie values.
http::Response SeeOther(const std::string& location, const std::vector<std::string>& cookies = {});
// A page that says what happened and offers a link onwards. `v` may be null (no session).
http::Response MessagePage(const Cms& cms, const Visit* v, const std::string& lang, int status,
                           const std::string& h1, const std::string& text,
                           const std::string& link_href, const std::string& link_label);
// 404: no such object in the admin's company (R15: another company's looks the same).
http::Response NotFoundPage(const Visit& v);
// A service failure that is not about the input (not found, database down, ...).
http::Response ErrorPage(const Visit& v, const Error& e);

// The sentence of a field error in `lang`: cms.error.FIELD.CODE, else cms.error.CODE.
std::string ErrorText(const Pages& pages, const std::string& lang, const FieldError& e);
// Puts the error summary (errors_html) into `m` and returns field -> sentence.
std::map<std::string, std::string> AddErrors(const Pages& pages, const std::string& lang, json& m,
                                             const std::vector<FieldError>& errors);
inline std::map<std::string, std::string> AddErrors(const Visit& v, json& m,
                                                    const std::vector<FieldError>& errors) {
  return AddErrors(v.cms.pages, v.lang, m, errors);
}

// One form control with its label, hint and error (docs/web.md conventions).
struct Option {
  std::string value;
  std::string label;
  bool selected = false;
};
struct Field {
  std::string name;           // the JSON API's field name
  std::string type = "text";  // text email tel number search password select checkbox
                              // textarea file
  std::string label;
  std::string hint;
  std::string value;            // for a checkbox: "true" when checked
  std::vector<Option> options;  // select
  bool multiple = false;
  bool required = false;
  std::string autocomplete;
  std::string accept;  // file

  static Field Input(std::string name, std::string type, std::string label, std::string value = "");
  static Field Select(std::string name, std::string label, std::vector<Option> options,
                      bool multiple = false);
  static Field Checkbox(std::string name, std::string label, bool checked);
  Field& WithHint(std::string text);
  Field& Required();
  Field& WithAutocomplete(std::string token);
  Field& Accepting(std::string types);
};
// The controls as HTML (escaped), for {{{fields_html}}} in a form template.
std::string FieldsHtml(const Pages& pages, const std::string& lang,
                       const std::vector<Field>& fields,
                       const std::map<std::string, std::string>& errors);
inline std::string FieldsHtml(const Visit& v, const std::vector<Field>& fields,
                              const std::map<std::string, std::string>& errors) {
  return FieldsHtml(v.cms.pages, v.lang, fields, errors);
}

// "A, B": the names of those `items` (stores or groups) whose id is in `ids`.
template <typename T>
std::string NamesOf(const std::vector<T>& items, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& x : items) {
    if (std::find(ids.begin(), ids.end(), x.id) == ids.end()) continue;
    out += (out.empty() ? "" : ", ") + x.name;
  }
  return out;
}

// Options of the company's stores or groups; `chosen` are selected.
std::vector<Option> StoreOptions(const std::vector<directory::Store>& stores,
                                 const std::vector<std::string>& chosen);
std::vector<Option> GroupOptions(const std::vector<directory::UserGroup>& groups,
                                 const std::vector<std::string>& chosen);
// Options of the supported languages.
std::vector<Option> LanguageOptions(const Visit& v, const std::string& chosen);

// The routes of each page group (cms_*.cc).
void AddLoginPages(http::Router& router, const CmsPtr& cms);
void AddUserPages(http::Router& router, const CmsPtr& cms);
void AddInvitationPages(http::Router& router, const CmsPtr& cms);
void AddDirectoryPages(http::Router& router, const CmsPtr& cms);
void AddSettingsPages(http::Router& router, const CmsPtr& cms);
void AddImportPages(http::Router& router, const CmsPtr& cms);
void AddMessagePages(http::Router& router, const CmsPtr& cms);

}  // namespace usher::web::cms
