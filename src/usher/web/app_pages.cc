#include "usher/web/app_pages.h"

namespace usher::web {

void AddAppPages(http::Router&, api::Services&, const Pages&, const WebOptions&) {}

}  // namespace usher::web
