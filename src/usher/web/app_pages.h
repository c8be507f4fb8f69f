// The web stand-in for the mobile app's first login at /app: login, language, then the
// onboarding state (R9, R13).
#pragma once

#include "usher/api/api.h"
#include "usher/http/router.h"
#include "usher/web/pages.h"
#include "usher/web/web.h"

namespace usher::web {

void AddAppPages(http::Router& router, api::Services& s, const Pages& pages,
                 const WebOptions& options);

}  // namespace usher::web
