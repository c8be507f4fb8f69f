// The CMS: the pages a company's admin works in, under /cms (login, user management with
// the tabs Users / Invite user / Invited users, stores, groups, settings, import, messages).
#pragma once

#include "usher/api/api.h"
#include "usher/http/router.h"
#include "usher/web/pages.h"
#include "usher/web/web.h"

namespace usher::web {

void AddCmsPages(http::Router& router, api::Services& s, const Pages& pages,
                 const WebOptions& options);

}  // namespace usher::web
