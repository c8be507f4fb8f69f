// Maps method + path to a handler. Patterns are literal segments and {name} segments
// ("/api/v1/invitations/{id}/resend"); the pattern is also the route's name in logs and
// metrics, so no id ever reaches them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "usher/http/message.h"

namespace usher::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // Adds a route. Later routes do not override earlier ones.
  void Add(const std::string& method, const std::string& pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // null when nothing matched
    std::string route;                 // the pattern, or "unmatched"
    std::vector<std::string> allowed;  // methods of the path when the method did not match
  };
  // Finds the route of `req` and fills req.params.
  Match Find(Request& req) const;

  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace usher::http
