#include "usher/http/router.h"

#include <map>

namespace usher::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t slash = path.find('/', start);
    out.push_back(path.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (path[i].empty()) return false;
      found[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void Router::Add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back({method, pattern, Split(pattern), std::move(handler)});
}

Router::Match Router::Find(Request& req) const {
  Match m;
  m.route = "unmatched";
  if (req.path.empty() || req.path.front() != '/') return m;
  const auto segments = Split(req.path);
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!Matches(r.segments, segments, params)) continue;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      m.handler = &r.handler;
      m.route = r.pattern;
      req.params = std::move(params);
      m.allowed.clear();
      return m;
    }
    m.route = r.pattern;
    m.allowed.push_back(r.method);
  }
  return m;
}

}  // namespace usher::http
