// Every HTML page of usher on one router: the registration page (R10), the CMS an admin
// works in (/cms/...) and the web stand-in for the mobile app's first login (/app).
#pragma once

#include <string>

#include "usher/api/api.h"
#include "usher/http/router.h"
#include "usher/web/pages.h"

namespace usher::web {

struct WebOptions {
  std::string public_url;  // "https://..." makes session cookies Secure
  std::string maildir;     // the Maildir messages go to; empty when SMTP/Kannel deliver
};

void AddWebPages(http::Router& router, api::Services& s, const Pages& pages,
                 const WebOptions& options);

}  // namespace usher::web
