#include "usher/web/cms_pages.h"

namespace usher::web {

void AddCmsPages(http::Router&, api::Services&, const Pages&, const WebOptions&) {}

}  // namespace usher::web
