// /cms/login, /cms/logout, /cms: the admin's session cookie (R15).
#include "usher/auth/session.h"
#include "usher/security/token.h"
#include "usher/web/cms_common.h"
#include "usher/web/session_cookie.h"

namespace usher::web::cms {
namespace {

std::string LoginLanguage(const Cms& cms, const http::Request& req) {
  const std::string& asked = req.Query("lang");
  return PageLanguage(cms, req, cms.s.languages.Supports(asked) ? asked : "en");
}

struct LoginForm {
  std::string email;
  std::string next;
  std::string csrf;  // the double-submit value (cookie and field)
};

http::Response LoginPage(const Cms& cms, const http::Request& req, const std::string& lang,
                         const LoginForm& f, int status, const std::vector<FieldError>& errors,
                         const std::string& notice) {
  const std::string h1 = cms.pages.Text(lang, "cms.login.title");
  json m = {{"lang", lang},   {"title", h1 + " · usher"},
            {"h1", h1},       {"csrf", f.csrf},
            {"next", f.next}, {"submit", cms.pages.Text(lang, "cms.login.submit")}};
  if (!notice.empty() && cms.pages.HasText("cms.notice." + notice)) {
    m["notice"] = cms.pages.Text(lang, "cms.notice." + notice);
  }
  AddLanguageSwitch(cms, req, lang, m);
  auto by_field = AddErrors(cms.pages, lang, m, errors);
  std::vector<Field> fields = {
      Field::Input("email", "email", cms.pages.Text(lang, "cms.login.email"), f.email)
          .Required()
          .WithAutocomplete("username"),
      Field::Input("password", "password", cms.pages.Text(lang, "cms.login.password"))
          .Required()
          .WithAutocomplete("current-password")};
  m["fields_html"] = FieldsHtml(cms.pages, lang, fields, by_field);
  auto r = cms.pages.Render(status, "cms_login", m);
  r.headers.emplace_back("Set-Cookie",
                         SetCookie(kLoginCsrfCookie, f.csrf, cms.SecureCookies(), 3600));
  return r;
}

http::Response PostLogin(const Cms& cms, http::Request& req) {
  const std::string lang = LoginLanguage(cms, req);
  auto form = ParseForm(req.Header("content-type"), req.body);
  const std::string cookie = CookieValue(req.Header("cookie"), kLoginCsrfCookie);
  if (!form || !CsrfMatches(cookie, form->Get("csrf"))) {
    return MessagePage(cms, nullptr, lang, 403, cms.pages.Text(lang, "cms.forbidden.title"),
                       cms.pages.Text(lang, "cms.forbidden.text"), "/cms/login",
                       cms.pages.Text(lang, "cms.login.title"));
  }
  LoginForm f{form->Get("email"), SafeCmsPath(form->Get("next")), cookie};
  auto login = cms.s.auth.LoginAdmin(f.email, form->Get("password"), req.client_ip);
  if (!login) {
    const Error& e = login.error();
    if (e.kind == ErrorKind::kUnauthenticated) {
      return LoginPage(cms, req, lang, f, 401, {{"", "invalid_credentials"}}, "");
    }
    if (e.kind == ErrorKind::kRateLimited) {
      auto r = LoginPage(cms, req, lang, f, 429, {{"", "too_many_attempts"}}, "");
      r.headers.emplace_back("Retry-After", e.Detail("retry_after"));
      return r;
    }
    return MessagePage(cms, nullptr, lang, 503, cms.pages.Text(lang, "cms.unavailable.title"),
                       cms.pages.Text(lang, "cms.unavailable.text"), "", "");
  }
  const bool secure = cms.SecureCookies();
  return SeeOther(f.next, {SetCookie(kCmsSessionCookie, login->token, secure,
                                     auth::kAdminSessionLifetime.count()),
                           ClearCookie(kLoginCsrfCookie, secure)});
}

}  // namespace

void AddLoginPages(http::Router& router, const CmsPtr& cms) {
  router.Add("GET", "/cms", [](http::Request&) { return SeeOther("/cms/invitations"); });
  router.Add("GET", "/cms/login", [cms](http::Request& req) {
    const std::string next = SafeCmsPath(req.Query("next").empty() ? "/cms" : req.Query("next"));
    const std::string token = CookieValue(req.Header("cookie"), kCmsSessionCookie);
    if (!token.empty() && cms->s.auth.AuthenticateAdmin(token)) return SeeOther(next);
    std::string csrf = CookieValue(req.Header("cookie"), kLoginCsrfCookie);
    if (!security::IsWellFormedToken(csrf)) csrf = NewLoginCsrf();
    return LoginPage(*cms, req, LoginLanguage(*cms, req), {"", next, csrf}, 200, {},
                     req.Query("notice"));
  });
  router.Add("POST", "/cms/login", [cms](http::Request& req) { return PostLogin(*cms, req); });
  // The CMS language: a preference cookie, then back to the page (no other state changes).
  router.Add("GET", "/cms/language/{code}", [cms](http::Request& req) {
    const std::string& code = req.Param("code");
    const std::string next = SafeCmsPath(req.Query("next").empty() ? "/cms" : req.Query("next"));
    if (!cms->s.languages.Supports(code)) return SeeOther(next);
    return SeeOther(next,
                    {SetCookie(kCmsLanguageCookie, code, cms->SecureCookies(), 365LL * 24 * 3600)});
  });
  router.Add("POST", "/cms/logout", AdminPage(cms, [](http::Request&, Visit& v) {
               if (auto ok = v.cms.s.auth.Logout(v.admin.token); !ok) {
                 return ErrorPage(v, ok.error());
               }
               return SeeOther("/cms/login?notice=logged_out",
                               {ClearCookie(kCmsSessionCookie, v.cms.SecureCookies())});
             }));
}

}  // namespace usher::web::cms
