// The registration page an invitee lands on from the link (SPEC R10): GET shows it in the
// invitation's language (or ?lang=), POST registers. Works without JavaScript.
#pragma once

#include "usher/api/api.h"
#include "usher/http/router.h"
#include "usher/web/pages.h"

namespace usher::web {

// GET|POST /register/{token} and GET /static/usher.css.
void AddRegistrationPages(http::Router& router, api::Services& s, const Pages& pages);

}  // namespace usher::web
