#include "usher/web/app_pages.h"

#include <algorithm>

#include "usher/security/token.h"
#include "usher/web/session_cookie.h"

namespace usher::web {
namespace {

using nlohmann::json;

constexpr char kSessionCookie[] = "usher_app";
constexpr char kLoginPath[] = "/app/login";
constexpr long long kLoginCsrfMaxAge = 3600;

struct Context {
  api::Services& s;
  const Pages& pages;
  bool secure;  // cookies only over HTTPS
};

http::Response Redirect(const std::string& location) {
  http::Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", location);
  AddPageHeaders(r);
  return r;
}

// The model every /app page starts from: language, <title> "H1 · usher", <h1>.
json BaseModel(const std::string& lang, const std::string& heading) {
  return {{"lang", lang}, {"title", heading + " · usher"}, {"heading", heading}};
}

// Before login the page speaks ?lang= (English otherwise) and offers a language switch.
std::string LoginLanguage(const Context& c, const http::Request& req) {
  const std::string& asked = req.Query("lang");
  return c.s.languages.Supports(asked) ? asked : "en";
}

std::string UserLanguage(const Context& c, const directory::User& u) {
  return c.s.languages.Supports(u.language) ? u.language : "en";
}

http::Response Message(const Context& c, int status, const std::string& lang,
                       const std::string& key) {
  json m = BaseModel(lang, c.pages.Text(lang, "app." + key + "_title"));
  m["text"] = c.pages.Text(lang, "app." + key + "_text");
  m["link"] = c.pages.Text(lang, "app.back_to_login");
  m["href"] = std::string(kLoginPath) + "?lang=" + lang;
  return c.pages.Render(status, "app_message", m);
}

// The login form; `error` is a locale key under app.error. (empty: none).
http::Response LoginForm(const Context& c, const http::Request& req, const std::string& csrf,
                         int status, const std::string& login, const std::string& error,
                         const std::string& notice = "") {
  const std::string lang = LoginLanguage(c, req);
  json m = BaseModel(lang, c.pages.Text(lang, "app.login_title"));
  json langs = json::array();
  for (const auto& l : c.s.languages.list()) {
    langs.push_back({{"code", l.code},
                     {"name", l.name},
                     {"href", std::string(kLoginPath) + "?lang=" + l.code},
                     {"current", l.code == lang}});
  }
  m["languages"] = langs;
  m["has_languages"] = true;
  m["language_switch"] = c.pages.Text(lang, "language_switch");
  m["action"] = std::string(kLoginPath) + "?lang=" + lang;
  m["csrf"] = csrf;
  m["intro"] = c.pages.Text(lang, "app.login_intro");
  m["login_label"] = c.pages.Text(lang, "app.login_label");
  m["password_label"] = c.pages.Text(lang, "app.password_label");
  m["submit"] = c.pages.Text(lang, "app.login_submit");
  m["login"] = login;
  if (!error.empty()) m["error"] = c.pages.Text(lang, "app.error." + error);
  if (!notice.empty()) m["notice"] = c.pages.Text(lang, "app." + notice);
  auto r = c.pages.Render(status, "app_login", m);
  r.headers.emplace_back("Set-Cookie",
                         SetCookie(kLoginCsrfCookie, csrf, c.secure, kLoginCsrfMaxAge));
  return r;
}

// The user of the session cookie; kUnauthenticated when there is none.
Result<auth::UserLogin> CurrentUser(const Context& c, const http::Request& req) {
  return c.s.auth.AuthenticateUser(CookieValue(req.Header("cookie"), kSessionCookie));
}

// What a request without a usable session gets: the login page, or 503 when the
// database could not tell.
http::Response NoSession(const Context& c, const Error& e) {
  if (e.kind == ErrorKind::kUnauthenticated) {
    auto r = Redirect(kLoginPath);
    r.headers.emplace_back("Set-Cookie", ClearCookie(kSessionCookie, c.secure));
    return r;
  }
  return Message(c, 503, "en", "unavailable");
}

json LogoutForm(const Context& c, const std::string& lang, const std::string& token) {
  return {{"csrf", CsrfForSession(token)}, {"label", c.pages.Text(lang, "app.logout")}};
}

http::Response LanguageForm(const Context& c, const auth::UserLogin& login, int status,
                            const std::string& chosen, bool invalid) {
  const directory::User& u = login.user;
  const std::string lang = UserLanguage(c, u);
  json m = BaseModel(lang, c.pages.Text(lang, "app.language_title"));
  m["greeting"] = c.pages.Text(lang, "app.greeting", {{"first_name", u.first_name}});
  m["intro"] = c.pages.Text(lang, "app.language_intro");
  m["language_label"] = c.pages.Text(lang, "app.language_label");
  m["submit"] = c.pages.Text(lang, "app.language_submit");
  m["csrf"] = CsrfForSession(login.token);
  json options = json::array();
  for (const auto& l : c.s.languages.list()) {
    options.push_back({{"code", l.code}, {"name", l.name}, {"selected", l.code == chosen}});
  }
  m["options"] = options;
  if (invalid) {
    m["errors_title"] = c.pages.Text(lang, "app.errors_title");
    m["language_error"] = c.pages.Text(lang, "app.error.unsupported_language");
  }
  m["logout"] = LogoutForm(c, lang, login.token);
  return c.pages.Render(status, "app_language", m);
}

http::Response Home(const Context& c, const auth::UserLogin& login) {
  const directory::User& u = login.user;
  const std::string lang = UserLanguage(c, u);
  auto company = c.s.companies.Get(u.company_id);
  auto groups = c.s.directory.ListGroups(u.company_id);
  if (!company || !groups) return Message(c, 503, lang, "unavailable");
  json m = BaseModel(lang, c.pages.Text(lang, "app.home_title", {{"company", company->name}}));
  m["greeting"] = c.pages.Text(lang, "app.greeting", {{"first_name", u.first_name}});
  if (c.s.onboarding.StateOf(u) == invitation::Onboarding::kBlockedNoStore) {
    m["blocked"] = c.pages.Text(lang, "app.blocked_no_store", {{"company", company->name}});
  } else {
    json names = json::array();
    for (const auto& g : *groups) {
      if (std::find(u.user_group_ids.begin(), u.user_group_ids.end(), g.id) !=
          u.user_group_ids.end()) {
        names.push_back(g.name);
      }
    }
    m["ready"] = {{"label", c.pages.Text(lang, "app.ready")},
                  {"text", c.pages.Text(lang, "app.ready_text")},
                  {"groups_label", c.pages.Text(lang, "app.groups_label")},
                  {"groups", names}};
  }
  m["logout"] = LogoutForm(c, lang, login.token);
  return c.pages.Render(200, "app_home", m);
}

void AddLoginRoutes(http::Router& router, const Context& c) {
  router.Add("GET", kLoginPath, [c](http::Request& req) {
    if (CurrentUser(c, req)) return Redirect("/app");
    std::string csrf = CookieValue(req.Header("cookie"), kLoginCsrfCookie);
    if (!security::IsWellFormedToken(csrf)) csrf = NewLoginCsrf();
    return LoginForm(c, req, csrf, 200, "", "", req.Query("logged_out") == "1" ? "logged_out" : "");
  });

  router.Add("POST", kLoginPath, [c](http::Request& req) {
    // The login form's CSRF field repeats its cookie (double submit).
    const std::string csrf = CookieValue(req.Header("cookie"), kLoginCsrfCookie);
    auto form = http::ParseQuery(req.body);
    if (!security::IsWellFormedToken(csrf) || !CsrfMatches(csrf, form["csrf"])) {
      return Message(c, 403, LoginLanguage(c, req), "csrf");
    }
    auto login = c.s.auth.LoginUser(form["login"], form["password"], req.client_ip);
    if (!login) {
      const Error& e = login.error();
      if (e.kind == ErrorKind::kRateLimited) {
        auto r = LoginForm(c, req, csrf, 429, form["login"], "too_many_attempts");
        r.headers.emplace_back("Retry-After", e.Detail("retry_after"));
        return r;
      }
      if (e.kind != ErrorKind::kUnauthenticated) return Message(c, 503, "en", "unavailable");
      // R9: one answer for a wrong password, an unknown login and an invited user.
      return LoginForm(c, req, csrf, 401, form["login"], "invalid_credentials");
    }
    auto r = Redirect("/app");
    r.headers.emplace_back("Set-Cookie", SetCookie(kSessionCookie, login->token, c.secure));
    return r;
  });
}

void AddSessionRoutes(http::Router& router, const Context& c) {
  router.Add("GET", "/app", [c](http::Request& req) {
    auto login = CurrentUser(c, req);
    if (!login) return NoSession(c, login.error());
    if (c.s.onboarding.StateOf(login->user) == invitation::Onboarding::kSelectLanguage) {
      return LanguageForm(c, *login, 200, UserLanguage(c, login->user), false);
    }
    return Home(c, *login);
  });

  router.Add("POST", "/app/language", [c](http::Request& req) {
    auto login = CurrentUser(c, req);
    if (!login) return NoSession(c, login.error());
    auto form = http::ParseQuery(req.body);
    if (!CsrfMatches(CsrfForSession(login->token), form["csrf"])) {
      return Message(c, 403, UserLanguage(c, login->user), "csrf");
    }
    auto updated = c.s.onboarding.ChooseLanguage(login->user, form["language"]);
    if (!updated) {
      if (updated.error().kind != ErrorKind::kInvalid) {
        return Message(c, 503, UserLanguage(c, login->user), "unavailable");
      }
      return LanguageForm(c, *login, 422, form["language"], true);
    }
    return Redirect("/app");
  });

  router.Add("POST", "/app/logout", [c](http::Request& req) {
    auto login = CurrentUser(c, req);
    if (!login) return NoSession(c, login.error());
    auto form = http::ParseQuery(req.body);
    const std::string lang = UserLanguage(c, login->user);
    if (!CsrfMatches(CsrfForSession(login->token), form["csrf"]))
      return Message(c, 403, lang, "csrf");
    if (auto ok = c.s.auth.Logout(login->token); !ok) return Message(c, 503, lang, "unavailable");
    auto r = Redirect(std::string(kLoginPath) + "?lang=" + lang + "&logged_out=1");
    r.headers.emplace_back("Set-Cookie", ClearCookie(kSessionCookie, c.secure));
    return r;
  });
}

}  // namespace

void AddAppPages(http::Router& router, api::Services& s, const Pages& pages,
                 const WebOptions& options) {
  const Context c{s, pages, IsSecureUrl(options.public_url)};
  AddLoginRoutes(router, c);
  AddSessionRoutes(router, c);
}

}  // namespace usher::web
