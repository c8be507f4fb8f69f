// The OpenAPI 3.1 description of the HTTP API (src/usher/api/openapi.json, embedded at
// build time). A test keeps it and the router in agreement.
#pragma once

#include <string>

namespace usher::api {

const std::string& OpenApiDocument();

}  // namespace usher::api
