#include "usher/web/web.h"

#include "usher/web/app_pages.h"
#include "usher/web/cms_pages.h"
#include "usher/web/registration_pages.h"

namespace usher::web {

void AddWebPages(http::Router& router, api::Services& s, const Pages& pages,
                 const WebOptions& options) {
  AddRegistrationPages(router, s, pages);
  AddCmsPages(router, s, pages, options);
  AddAppPages(router, s, pages, options);
}

}  // namespace usher::web
