// The company's settings: validity (R4), reminder days (R7), phone region (R1), time zone
// and default invitation language.
#include "usher/company/rules.h"
#include "usher/web/cms_common.h"

namespace usher::web::cms {
namespace {

// The settings as entered, so a form with errors shows what was typed.
struct SettingsInput {
  std::string validity_days, reminder_days, default_region, timezone, default_language;
};

SettingsInput InputOf(const company::Settings& s) {
  std::string days;
  for (int d : s.reminder_days) days += (days.empty() ? "" : ", ") + std::to_string(d);
  return {std::to_string(s.validity_days), days, s.default_region, s.timezone, s.default_language};
}

std::optional<int> ParseCount(const std::string& raw) {
  const size_t begin = raw.find_first_not_of(" \t");
  if (begin == std::string::npos) return std::nullopt;
  const std::string s = raw.substr(begin, raw.find_last_not_of(" \t") - begin + 1);
  if (s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoi(s);
}

// "3, 10, 20" (commas, semicolons or spaces between); nullopt when a part is no number.
std::optional<std::vector<int>> ParseDays(const std::string& raw) {
  std::vector<int> out;
  std::string part;
  for (size_t i = 0; i <= raw.size(); ++i) {
    const char c = i < raw.size() ? raw[i] : ',';
    if (c == ',' || c == ';' || c == ' ' || c == '\t') {
      if (!part.empty()) {
        auto n = ParseCount(part);
        if (!n) return std::nullopt;
        out.push_back(*n);
        part.clear();
      }
    } else {
      part += c;
    }
  }
  return out;
}

http::Response SettingsPage(http::Request& req, Visit& v, const SettingsInput& in, int status,
                            const std::vector<FieldError>& errors) {
  json m = v.Model(req, "settings", v.T("settings.title"));
  const auto by_field = AddErrors(v, m, errors);
  std::vector<Field> fields = {
      Field::Input("validity_days", "number", v.T("settings.validity_days"), in.validity_days)
          .WithHint(v.T("settings.validity_days_hint"))
          .Required(),
      Field::Input("reminder_days", "text", v.T("settings.reminder_days"), in.reminder_days)
          .WithHint(v.T("settings.reminder_days_hint")),
      Field::Input("default_region", "text", v.T("settings.default_region"), in.default_region)
          .WithHint(v.T("settings.default_region_hint"))
          .Required(),
      Field::Input("timezone", "text", v.T("settings.timezone"), in.timezone)
          .WithHint(v.T("settings.timezone_hint"))
          .Required(),
      Field::Select("default_language", v.T("settings.default_language"),
                    LanguageOptions(v, in.default_language))
          .WithHint(v.T("settings.default_language_hint"))
          .Required()};
  m["fields_html"] = FieldsHtml(v, fields, by_field);
  m["submit"] = v.T("settings.submit");
  return v.Render(status, "cms_settings", m);
}

http::Response SaveSettings(http::Request& req, Visit& v) {
  const SettingsInput in{v.form.Get("validity_days"), v.form.Get("reminder_days"),
                         v.form.Get("default_region"), v.form.Get("timezone"),
                         v.form.Get("default_language")};
  company::Settings settings = v.Settings();
  std::vector<FieldError> errors;
  if (auto n = ParseCount(in.validity_days)) {
    settings.validity_days = *n;
  } else {
    errors.push_back({"validity_days", "out_of_range"});
  }
  if (auto days = ParseDays(in.reminder_days)) {
    settings.reminder_days = *days;
  } else {
    errors.push_back({"reminder_days", "invalid"});
  }
  settings.default_region = in.default_region;  // "be" means BE
  for (char& c : settings.default_region) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  settings.timezone = in.timezone;
  settings.default_language = in.default_language;
  if (!errors.empty()) {
    // Every broken rule at once: those the other fields break too.
    if (auto ok = company::ValidateSettings(settings, v.cms.s.languages); !ok) {
      for (const auto& e : ok.error().fields) {
        const bool seen = std::any_of(errors.begin(), errors.end(),
                                      [&](const FieldError& x) { return x.field == e.field; });
        if (!seen) errors.push_back(e);
      }
    }
    return SettingsPage(req, v, in, 422, errors);
  }
  auto updated = v.cms.s.companies.UpdateSettings(v.admin.company.id, settings);
  if (updated) return SeeOther("/cms/settings?notice=settings_saved");
  if (updated.error().kind != ErrorKind::kInvalid) return ErrorPage(v, updated.error());
  return SettingsPage(req, v, in, 422, updated.error().fields);
}

}  // namespace

void AddSettingsPages(http::Router& router, const CmsPtr& cms) {
  router.Add("GET", "/cms/settings", AdminPage(cms, [](http::Request& req, Visit& v) {
               return SettingsPage(req, v, InputOf(v.Settings()), 200, {});
             }));
  router.Add("POST", "/cms/settings", AdminPage(cms, SaveSettings));
}

}  // namespace usher::web::cms
