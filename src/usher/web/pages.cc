#include "usher/web/pages.h"

#include <mustache.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace usher::web {
namespace {

namespace fs = std::filesystem;
using kainjow::mustache::data;
using kainjow::mustache::mustache;
using kainjow::mustache::partial;

std::optional<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// nlohmann JSON to mustache data: objects, arrays, strings, numbers, booleans.
data ToData(const nlohmann::json& j) {
  if (j.is_object()) {
    data d{data::type::object};
    for (const auto& [k, v] : j.items()) d.set(k, ToData(v));
    return d;
  }
  if (j.is_array()) {
    data list{data::type::list};
    for (const auto& v : j) list.push_back(ToData(v));
    return list;
  }
  if (j.is_boolean()) return data(j.get<bool>());
  if (j.is_string()) return data(j.get<std::string>());
  if (j.is_null()) return data(false);
  return data(j.dump());
}

// The model of a page, with the partials its template may take in by name.
data PageData(const nlohmann::json& model, const std::map<std::string, std::string>& partials) {
  data d = ToData(model);
  if (!d.is_object()) return d;
  for (const auto& entry : partials) {
    const std::string* text = &entry.second;
    d.set(entry.first, partial([text] { return *text; }));
  }
  return d;
}

}  // namespace

void AddPageHeaders(http::Response& r, bool scripts) {
  r.headers.emplace_back("Content-Security-Policy",
                         std::string("default-src 'none'; ") +
                             (scripts ? "script-src 'self'; " : "") +
                             "style-src 'self'; img-src 'self'; "
                             "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Cache-Control", "no-store");
}

Result<std::unique_ptr<Pages>> Pages::Load(const std::string& share_dir) {
  auto p = std::unique_ptr<Pages>(new Pages());
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(share_dir) / "web" / "pages", ec)) {
    if (e.path().extension() != ".html") continue;
    auto text = ReadFile(e.path());
    if (!text) continue;
    const std::string name = e.path().stem().string();
    (name.starts_with("_") ? p->partials_ : p->pages_)[name] = *text;
  }
  if (!p->pages_.contains("layout")) {
    return Fail(ErrorKind::kUnavailable, "pages_missing",
                "No web pages in " + share_dir + "/web/pages; set --share-dir");
  }
  for (const auto& e : fs::directory_iterator(fs::path(share_dir) / "locales", ec)) {
    if (e.path().extension() != ".json") continue;
    auto text = ReadFile(e.path());
    if (!text) continue;
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object()) continue;
    auto& strings = p->strings_[e.path().stem().string()];
    for (const auto& [k, v] : j.items()) {
      if (v.is_string()) strings[k] = v.get<std::string>();
    }
  }
  p->css_ = ReadFile(fs::path(share_dir) / "web" / "static" / "usher.css").value_or("");
  for (const auto& e : fs::directory_iterator(fs::path(share_dir) / "web" / "static", ec)) {
    if (e.path().extension() != ".js") continue;
    if (auto text = ReadFile(e.path())) p->scripts_[e.path().filename().string()] = *text;
  }
  return p;
}

bool Pages::HasText(const std::string& key) const {
  auto it = strings_.find("en");
  return it != strings_.end() && it->second.contains(key);
}

const std::string* Pages::Script(const std::string& name) const {
  auto it = scripts_.find(name);
  return it == scripts_.end() ? nullptr : &it->second;
}

std::string Pages::Text(const std::string& lang, const std::string& key,
                        const std::map<std::string, std::string>& vars) const {
  std::string text = key;
  for (const std::string& l : {lang, std::string("en")}) {
    auto it = strings_.find(l);
    if (it == strings_.end()) continue;
    auto s = it->second.find(key);
    if (s != it->second.end()) {
      text = s->second;
      break;
    }
  }
  if (vars.empty()) return text;
  data d{data::type::object};
  for (const auto& [k, v] : vars) d.set(k, v);
  mustache m(text);
  m.set_custom_escape([](const std::string& s) { return s; });  // escaped in the page
  return m.render(d);
}

std::string Pages::Fragment(const std::string& name, const nlohmann::json& model) const {
  auto page = pages_.find(name);
  return page == pages_.end() ? std::string()
                              : mustache(page->second).render(PageData(model, partials_));
}

http::Response Pages::Render(int status, const std::string& name,
                             const nlohmann::json& model) const {
  http::Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  auto page = pages_.find(name);
  const std::string content = page == pages_.end()
                                  ? std::string()
                                  : mustache(page->second).render(PageData(model, partials_));
  data layout = PageData(model, partials_);
  layout.set("content", content);
  if (model.contains("header_template") && model["header_template"].is_string()) {
    auto header = pages_.find(model["header_template"].get<std::string>());
    if (header != pages_.end()) layout.set("header", mustache(header->second).render(layout));
  }
  r.body = mustache(pages_.at("layout")).render(layout);
  const bool scripts =
      model.contains("scripts") && model["scripts"].is_array() && !model["scripts"].empty();
  AddPageHeaders(r, scripts);
  return r;
}

}  // namespace usher::web
