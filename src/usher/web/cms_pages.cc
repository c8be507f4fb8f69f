#include "usher/web/cms_pages.h"

#include "usher/http/problem.h"
#include "usher/web/cms_common.h"

namespace usher::web {

void AddCmsPages(http::Router& router, api::Services& s, const Pages& pages,
                 const WebOptions& options) {
  auto cms = std::make_shared<const cms::Cms>(cms::Cms{s, pages, options});
  // The scripts of web/static/*.js (enhancement only: every page works without them).
  router.Add("GET", "/static/{script}", [&pages](http::Request& req) {
    const std::string* text = pages.Script(req.Param("script"));
    if (text == nullptr) {
      return http::Problem(Error{ErrorKind::kNotFound, "not_found", "No such resource.", {}, {}});
    }
    http::Response r;
    r.content_type = "text/javascript; charset=utf-8";
    r.body = *text;
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
  });
  cms::AddLoginPages(router, cms);
  cms::AddUserPages(router, cms);
  cms::AddInvitationPages(router, cms);
  cms::AddDirectoryPages(router, cms);
  cms::AddSettingsPages(router, cms);
  cms::AddImportPages(router, cms);
  cms::AddMessagePages(router, cms);
}

}  // namespace usher::web
