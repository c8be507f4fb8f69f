#include "usher/web/registration_pages.h"

#include "usher/templates/file_renderer.h"

namespace usher::web {
namespace {

using nlohmann::json;

// The common part of every page model: language, its switch, the page title.
json BaseModel(api::Services& s, const Pages& pages, const std::string& lang,
               const std::string& path, const std::string& title) {
  json langs = json::array();
  for (const auto& l : s.languages.list()) {
    langs.push_back({{"code", l.code},
                     {"name", l.name},
                     {"href", path + "?lang=" + l.code},
                     {"current", l.code == lang}});
  }
  return {{"lang", lang},
          {"title", title},
          {"languages", langs},
          {"has_languages", !langs.empty()},
          {"language_switch", pages.Text(lang, "language_switch")}};
}

std::string PageLanguage(api::Services& s, const http::Request& req, const std::string& fallback) {
  const std::string& asked = req.Query("lang");
  if (s.languages.Supports(asked)) return asked;
  return s.languages.Supports(fallback) ? fallback : "en";
}

http::Response InvalidLink(api::Services& s, const Pages& pages, const http::Request& req) {
  const std::string lang = PageLanguage(s, req, "en");
  json m = BaseModel(s, pages, lang, "/register/" + req.Param("token"),
                     pages.Text(lang, "link.invalid_title"));
  m["text"] = pages.Text(lang, "link.invalid_text");
  m["action"] = pages.Text(lang, "link.invalid_action");
  return pages.Render(404, "link_invalid", m);
}

http::Response Form(api::Services& s, const Pages& pages, const http::Request& req,
                    const onboarding::RegistrationView& view, const std::string& lang,
                    const std::string& chosen, const std::vector<FieldError>& errors, int status) {
  const std::string path = "/register/" + req.Param("token");
  const std::map<std::string, std::string> vars = {
      {"company", view.company_name},
      {"first_name", view.user.first_name},
      {"expires_on", templates::LongDate(view.expires_at, view.company_timezone, lang)}};
  json m = BaseModel(s, pages, lang, path, pages.Text(lang, "register.page_title", vars));
  m["greeting"] = pages.Text(lang, "register.greeting", vars);
  m["intro"] = pages.Text(lang, "register.intro", vars);
  m["expires"] = pages.Text(lang, "register.expires", vars);
  m["password_label"] = pages.Text(lang, "register.password_label");
  m["password_hint"] = pages.Text(lang, "register.password_hint");
  m["language_label"] = pages.Text(lang, "register.language_label");
  m["submit"] = pages.Text(lang, "register.submit");
  m["action"] = path + "?lang=" + lang;
  json options = json::array();
  for (const auto& l : s.languages.list()) {
    options.push_back({{"code", l.code}, {"name", l.name}, {"selected", l.code == chosen}});
  }
  m["app_languages"] = options;
  if (!errors.empty()) {
    m["errors_title"] = pages.Text(lang, "register.errors_title");
    json list = json::array();
    for (const auto& e : errors) {
      const std::string message =
          pages.Text(lang, e.field.empty() ? "register.error." + e.code
                                           : "register.error." + e.field + "." + e.code);
      list.push_back({{"field", e.field}, {"message", message}});
      m[e.field + "_error"] = message;
    }
    m["errors"] = list;
    m["has_errors"] = true;
  }
  return pages.Render(status, "register", m);
}

}  // namespace

void AddRegistrationPages(http::Router& router, api::Services& s, const Pages& pages) {
  router.Add("GET", "/static/usher.css", [&pages](http::Request&) {
    http::Response r;
    r.content_type = "text/css; charset=utf-8";
    r.body = pages.stylesheet();
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
  });

  router.Add("GET", "/register/{token}", [&s, &pages](http::Request& req) {
    if (auto ok =
            s.auth.CheckLimit("registration:ip:" + req.client_ip, auth::kRegistrationPerClient);
        !ok) {
      const std::string lang = PageLanguage(s, req, "en");
      json m = BaseModel(s, pages, lang, "/register/" + req.Param("token"),
                         pages.Text(lang, "register.error.too_many_attempts"));
      m["text"] = pages.Text(lang, "register.error.too_many_attempts");
      auto r = pages.Render(429, "link_invalid", m);
      r.headers.emplace_back("Retry-After", ok.error().Detail("retry_after"));
      return r;
    }
    auto view = s.onboarding.Lookup(req.Param("token"));
    if (!view) return InvalidLink(s, pages, req);
    const std::string lang = PageLanguage(s, req, view->user.language);
    return Form(s, pages, req, *view, lang, lang, {}, 200);
  });

  router.Add("POST", "/register/{token}", [&s, &pages](http::Request& req) {
    auto view = s.onboarding.Lookup(req.Param("token"));
    if (!view) return InvalidLink(s, pages, req);
    const std::string lang = PageLanguage(s, req, view->user.language);
    auto form = http::ParseQuery(req.body);
    const std::string language = form["language"];
    if (auto ok =
            s.auth.CheckLimit("registration:ip:" + req.client_ip, auth::kRegistrationPerClient);
        !ok) {
      return Form(s, pages, req, *view, lang, language, {{"", "too_many_attempts"}}, 429);
    }
    auto user_id = s.onboarding.Register(req.Param("token"), form["password"], language);
    if (!user_id) {
      if (user_id.error().kind == ErrorKind::kNotFound) return InvalidLink(s, pages, req);
      if (user_id.error().kind != ErrorKind::kInvalid) {
        return Form(s, pages, req, *view, lang, language, {}, 503);
      }
      return Form(s, pages, req, *view, lang, language, user_id.error().fields, 422);
    }
    const std::string done_lang = s.languages.Supports(language) ? language : lang;
    const std::map<std::string, std::string> vars = {
        {"company", view->company_name},
        {"login", view->user.email.value_or(view->user.phone.value_or(""))}};
    json m = BaseModel(s, pages, done_lang, "/register/" + req.Param("token"),
                       pages.Text(done_lang, "register.done_title"));
    m["text"] = pages.Text(done_lang, "register.done_text", vars);
    m["languages"] = json::array();  // the link is used up: no switch to it
    m["has_languages"] = false;
    return pages.Render(200, "register_done", m);
  });
}

}  // namespace usher::web
