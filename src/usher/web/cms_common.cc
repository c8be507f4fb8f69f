#include "usher/web/cms_common.h"

#include "usher/web/session_cookie.h"

namespace usher::web::cms {
namespace {

struct NavItem {
  const char* section;
  const char* href;
  const char* key;
};
constexpr NavItem kNav[] = {
    {"users", "/cms/invitations", "nav.users"},    {"stores", "/cms/stores", "nav.stores"},
    {"groups", "/cms/groups", "nav.groups"},       {"import", "/cms/import", "nav.import"},
    {"settings", "/cms/settings", "nav.settings"}, {"messages", "/cms/messages", "nav.messages"}};
constexpr NavItem kTabs[] = {{"users", "/cms/users", "tab.users"},
                             {"invite", "/cms/users/invite", "tab.invite"},
                             {"invitations", "/cms/invitations", "tab.invitations"}};

// The path and query of `req`, for ?next= after logging in (GET only).
std::string NextOf(const http::Request& req) {
  if (req.method != "GET") return "/cms";
  std::vector<std::pair<std::string, std::string>> pairs(req.query.begin(), req.query.end());
  const std::string query = QueryString(pairs);
  return req.path + (query.empty() ? "" : "?" + query);
}

json OptionsJson(const std::vector<Option>& options) {
  json out = json::array();
  for (const auto& o : options) {
    out.push_back({{"value", o.value}, {"label", o.label}, {"selected", o.selected}});
  }
  return out;
}

}  // namespace

bool Cms::SecureCookies() const { return IsSecureUrl(options.public_url); }

std::string PageLanguage(const Cms& cms, const http::Request& req, const std::string& fallback) {
  const std::string chosen = CookieValue(req.Header("cookie"), kCmsLanguageCookie);
  if (cms.s.languages.Supports(chosen)) return chosen;
  return cms.s.languages.Supports(fallback) ? fallback : "en";
}

std::string SafeCmsPath(const std::string& path) {
  const bool cms = path == "/cms" || path.starts_with("/cms/") || path.starts_with("/cms?");
  // Printable ASCII only: no header injection through Location, no other host.
  const bool printable = std::all_of(path.begin(), path.end(),
                                     [](char c) { return c > ' ' && c < 0x7f && c != '\\'; });
  if (!cms || !printable || path.find("//") != std::string::npos) return "/cms/invitations";
  return path;
}

void AddLanguageSwitch(const Cms& cms, const http::Request& req, const std::string& lang, json& m) {
  const std::string next = UrlEncode(NextOf(req));
  json languages = json::array();
  for (const auto& l : cms.s.languages.list()) {
    languages.push_back({{"code", l.code},
                         {"name", l.name},
                         {"href", "/cms/language/" + l.code + "?next=" + next},
                         {"current", l.code == lang}});
  }
  m["languages"] = languages;
  m["has_languages"] = !languages.empty();
  m["language_switch"] = cms.pages.Text(lang, "language_switch");
}

std::string Visit::T(const std::string& key, const std::map<std::string, std::string>& vars) const {
  return cms.pages.Text(lang, "cms." + key, vars);
}

json Visit::Model(const http::Request& req, const std::string& section,
                  const std::string& h1) const {
  json nav = json::array();
  for (const auto& item : kNav) {
    if (std::string(item.section) == "messages" && cms.options.maildir.empty()) continue;
    const bool here = section == item.section;
    nav.push_back({{"href", item.href},
                   {"label", T(item.key)},
                   {"current", here ? json(req.path == item.href ? "page" : "true") : json()}});
  }
  json m = {{"lang", lang},
            {"title", h1 + " · usher"},
            {"h1", h1},
            {"header_template", "cms_header"},
            {"main_class", "wide"},
            {"scripts", json::array({{{"src", "/static/cms.js"}}})},
            {"company_name", admin.company.name},
            {"admin_email", admin.admin.email},
            {"nav_label", T("nav.label")},
            {"nav", nav},
            {"logout", T("logout")},
            {"csrf", csrf}};
  AddLanguageSwitch(cms, req, lang, m);
  const std::string& notice = req.Query("notice");
  if (!notice.empty() && cms.pages.HasText("cms.notice." + notice)) {
    m["notice"] = T("notice." + notice);
  }
  return m;
}

json Visit::TabModel(const http::Request& req, const std::string& tab,
                     const std::string& h1) const {
  json m = Model(req, "users", h1);
  json tabs = json::array();
  for (const auto& item : kTabs) {
    tabs.push_back({{"href", item.href}, {"label", T(item.key)}, {"current", tab == item.section}});
  }
  m["tabs_html"] = cms.pages.Fragment("cms_tabs", {{"label", T("tabs.label")}, {"tabs", tabs}});
  return m;
}

http::Response Visit::Render(int status, const std::string& page, const json& model) const {
  return cms.pages.Render(status, page, model);
}

http::Handler AdminPage(const CmsPtr& cms, PageHandler handler) {
  return [cms, handler = std::move(handler)](http::Request& req) {
    const std::string token = CookieValue(req.Header("cookie"), kCmsSessionCookie);
    auto admin = cms->s.auth.AuthenticateAdmin(token);
    if (!admin) {
      if (admin.error().kind != ErrorKind::kUnauthenticated) {
        const std::string lang = PageLanguage(*cms, req, "en");
        return MessagePage(*cms, nullptr, lang, 503, cms->pages.Text(lang, "cms.unavailable.title"),
                           cms->pages.Text(lang, "cms.unavailable.text"), "", "");
      }
      std::vector<std::string> cookies;
      if (!token.empty()) cookies.push_back(ClearCookie(kCmsSessionCookie, cms->SecureCookies()));
      return SeeOther("/cms/login?next=" + UrlEncode(NextOf(req)), cookies);
    }
    Visit v{
        *cms, *admin, PageLanguage(*cms, req, admin->admin.language), CsrfForSession(token), {}};
    if (req.method == "POST") {
      auto form = ParseForm(req.Header("content-type"), req.body);
      if (form) v.form = std::move(*form);
      if (!form || !CsrfMatches(v.csrf, v.form.Get("csrf"))) {
        return MessagePage(*cms, &v, v.lang, 403, v.T("forbidden.title"), v.T("forbidden.text"),
                           "/cms", v.T("forbidden.link"));
      }
    }
    return handler(req, v);
  };
}

http::Response SeeOther(const std::string& location, const std::vector<std::string>& cookies) {
  http::Response r;
  r.status = 303;
  r.content_type = "text/html; charset=utf-8";
  r.headers.emplace_back("Location", location);
  for (const auto& c : cookies) r.headers.emplace_back("Set-Cookie", c);
  AddPageHeaders(r);
  return r;
}

http::Response MessagePage(const Cms& cms, const Visit* v, const std::string& lang, int status,
                           const std::string& h1, const std::string& text,
                           const std::string& link_href, const std::string& link_label) {
  http::Request none;
  json m = v != nullptr ? v->Model(none, "", h1)
                        : json{{"lang", lang}, {"title", h1 + " · usher"}, {"h1", h1}};
  m["text"] = text;
  if (!link_href.empty()) m["link"] = {{"href", link_href}, {"label", link_label}};
  return cms.pages.Render(status, "cms_message", m);
}

http::Response NotFoundPage(const Visit& v) {
  return MessagePage(v.cms, &v, v.lang, 404, v.T("not_found.title"), v.T("not_found.text"),
                     "/cms/invitations", v.T("not_found.link"));
}

http::Response ErrorPage(const Visit& v, const Error& e) {
  switch (e.kind) {
    case ErrorKind::kNotFound:
      return NotFoundPage(v);
    case ErrorKind::kRateLimited:
      return MessagePage(v.cms, &v, v.lang, 429, v.T("too_many.title"), v.T("too_many.text"),
                         "/cms", v.T("forbidden.link"));
    case ErrorKind::kBadRequest:
    case ErrorKind::kInvalid:
    case ErrorKind::kConflict:
      return MessagePage(v.cms, &v, v.lang, e.kind == ErrorKind::kConflict ? 409 : 400,
                         v.T("bad_request.title"), v.T("bad_request.text"), "/cms",
                         v.T("forbidden.link"));
    default:
      return MessagePage(v.cms, &v, v.lang, 503, v.T("unavailable.title"), v.T("unavailable.text"),
                         "", "");
  }
}

std::string ErrorText(const Pages& pages, const std::string& lang, const FieldError& e) {
  const std::string specific = "cms.error." + e.field + "." + e.code;
  if (pages.HasText(specific)) return pages.Text(lang, specific);
  const std::string general = "cms.error." + e.code;
  if (pages.HasText(general)) return pages.Text(lang, general);
  return pages.Text(lang, "cms.error.invalid");
}

std::map<std::string, std::string> AddErrors(const Pages& pages, const std::string& lang, json& m,
                                             const std::vector<FieldError>& errors) {
  std::map<std::string, std::string> by_field;
  json list = json::array();
  for (const auto& e : errors) {
    const std::string text = ErrorText(pages, lang, e);
    if (!e.field.empty() && by_field.contains(e.field)) continue;
    if (!e.field.empty()) by_field[e.field] = text;
    list.push_back({{"text", text}, {"href", e.field.empty() ? json() : json("#" + e.field)}});
  }
  if (!list.empty()) {
    m["errors_html"] = pages.Fragment(
        "cms_errors", {{"title", pages.Text(lang, "cms.errors_title")}, {"errors", list}});
  }
  return by_field;
}

Field Field::Input(std::string name, std::string type, std::string label, std::string value) {
  Field f;
  f.name = std::move(name);
  f.type = std::move(type);
  f.label = std::move(label);
  f.value = std::move(value);
  return f;
}

Field Field::Select(std::string name, std::string label, std::vector<Option> options,
                    bool multiple) {
  Field f = Input(std::move(name), "select", std::move(label));
  f.options = std::move(options);
  f.multiple = multiple;
  return f;
}

Field Field::Checkbox(std::string name, std::string label, bool checked) {
  return Input(std::move(name), "checkbox", std::move(label), checked ? "true" : "");
}

Field& Field::WithHint(std::string text) {
  hint = std::move(text);
  return *this;
}

Field& Field::Required() {
  required = true;
  return *this;
}

Field& Field::WithAutocomplete(std::string token) {
  autocomplete = std::move(token);
  return *this;
}

Field& Field::Accepting(std::string types) {
  accept = std::move(types);
  return *this;
}

std::string FieldsHtml(const Pages& pages, const std::string& lang,
                       const std::vector<Field>& fields,
                       const std::map<std::string, std::string>& errors) {
  json list = json::array();
  for (const auto& f : fields) {
    auto error = errors.find(f.name);
    const bool select = f.type == "select";
    const bool checkbox = f.type == "checkbox";
    const bool textarea = f.type == "textarea";
    json j = {{"name", f.name},
              {"type", f.type},
              {"label", f.label},
              {"hint", f.hint.empty() ? json() : json(f.hint)},
              {"value", f.value},
              {"checked", checkbox && f.value == "true"},
              {"is_select", select},
              {"is_checkbox", checkbox},
              {"is_textarea", textarea},
              {"is_input", !select && !checkbox && !textarea},
              {"is_file", f.type == "file"},
              {"multiple", f.multiple},
              {"size", std::to_string(std::clamp<size_t>(f.options.size(), 2, 8))},
              {"required", f.required},
              {"autocomplete", f.autocomplete.empty() ? json() : json(f.autocomplete)},
              {"accept", f.accept.empty() ? json() : json(f.accept)},
              {"options", OptionsJson(f.options)},
              {"error", error == errors.end() ? json() : json(error->second)}};
    // The error, when there is one, describes the control (docs/web.md); else the hint.
    if (error != errors.end()) {
      j["describedby"] = "error-" + f.name;
    } else if (!f.hint.empty()) {
      j["describedby"] = "hint-" + f.name;
    } else {
      j["describedby"] = json();
    }
    list.push_back(j);
  }
  return pages.Fragment("cms_fields",
                        {{"fields", list}, {"required_text", pages.Text(lang, "cms.required")}});
}

std::vector<Option> StoreOptions(const std::vector<directory::Store>& stores,
                                 const std::vector<std::string>& chosen) {
  std::vector<Option> out;
  for (const auto& s : stores) {
    const bool selected = std::find(chosen.begin(), chosen.end(), s.id) != chosen.end();
    out.push_back({s.id, s.code ? s.name + " (" + *s.code + ")" : s.name, selected});
  }
  return out;
}

std::vector<Option> GroupOptions(const std::vector<directory::UserGroup>& groups,
                                 const std::vector<std::string>& chosen) {
  std::vector<Option> out;
  for (const auto& g : groups) {
    const bool selected = std::find(chosen.begin(), chosen.end(), g.id) != chosen.end();
    out.push_back({g.id, g.name, selected});
  }
  return out;
}

std::vector<Option> LanguageOptions(const Visit& v, const std::string& chosen) {
  std::vector<Option> out;
  for (const auto& l : v.cms.s.languages.list()) out.push_back({l.code, l.name, l.code == chosen});
  return out;
}

}  // namespace usher::web::cms
