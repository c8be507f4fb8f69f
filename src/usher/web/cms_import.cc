// Bulk invite from a CSV file (R17): upload or paste, see every row's problems (dry run),
// then invite the valid rows.
#include "usher/web/cms_common.h"

namespace usher::web::cms {
namespace {

json ReportRows(const Visit& v, const importer::Report& report) {
  json rows = json::array();
  for (const auto& row : report.rows) {
    json problems = json::array();
    for (const auto& e : row.errors) {
      problems.push_back({{"column", e.field}, {"text", ErrorText(v.cms.pages, v.lang, e)}});
    }
    rows.push_back({{"row", std::to_string(row.row)}, {"problems", problems}});
  }
  return rows;
}

// The form page, or, with a report, the report and (when rows are valid) the invite step.
http::Response ImportPage(http::Request& req, Visit& v, const std::string& csv,
                          const importer::Report* report, bool invited, int status,
                          const std::vector<FieldError>& errors) {
  json m = v.Model(req, "import", v.T("import.title"));
  std::vector<FieldError> form_errors, step_errors;
  for (const auto& e : errors) {
    (e.field == "agreement_accepted" ? step_errors : form_errors).push_back(e);
  }
  // Errors of the file's header name a column; say so.
  std::vector<FieldError> shown;
  for (const auto& e : form_errors) {
    if (e.code == "missing_column" || e.code == "unknown_column") {
      shown.push_back({"", e.code});
    } else {
      shown.push_back(e);
    }
  }
  const auto by_field = AddErrors(v, m, shown);
  json columns = json::array();
  for (const auto& e : form_errors) {
    if (e.code == "missing_column" || e.code == "unknown_column") {
      columns.push_back({{"text", v.T("import." + e.code, {{"column", e.field}})}});
    }
  }
  if (!columns.empty()) m["columns"] = columns;
  m["intro"] = v.T("import.intro");
  m["columns_text"] = v.T("import.columns");
  m["check"] = v.T("import.check");
  std::vector<Field> fields = {
      Field::Input("file", "file", v.T("import.file"))
          .WithHint(v.T("import.file_hint"))
          .Accepting(".csv,text/csv"),
      Field::Input("csv", "textarea", v.T("import.csv"), report == nullptr ? csv : "")
          .WithHint(v.T("import.csv_hint"))};
  m["fields_html"] = FieldsHtml(v, fields, by_field);
  if (report != nullptr) {
    m["report"] = {
        {"title", v.T(invited ? "import.result_title" : "import.report_title")},
        {"summary", v.T("import.summary", {{"valid", std::to_string(report->valid)},
                                           {"invalid", std::to_string(report->invalid)}})},
        {"rows", ReportRows(v, *report)},
        {"has_rows", !report->rows.empty()},
        {"row", v.T("import.row")},
        {"problems", v.T("import.problems")},
        {"caption", v.T("import.caption")},
        {"errors_html", ""}};  // not the upload form's errors
    if (invited) {
      m["notice"] = v.T("import.invited", {{"count", std::to_string(report->invited)}});
    } else if (report->valid > 0) {
      const auto step_by_field = AddErrors(v.cms.pages, v.lang, m["report"], step_errors);
      std::vector<Field> agree = {
          Field::Checkbox("agreement_accepted", v.T("import.agreement"), false).Required()};
      m["report"]["invite"] = {
          {"csv", csv},
          {"fields_html", FieldsHtml(v, agree, step_by_field)},
          {"submit", v.T(report->valid == 1 ? "import.invite_one" : "import.invite_many",
                         {{"count", std::to_string(report->valid)}})}};
    }
  }
  return v.Render(status, "cms_import", m);
}

http::Response PostImport(http::Request& req, Visit& v) {
  const std::string& file = v.form.Get("file");
  const std::string csv = file.empty() ? v.form.Get("csv") : file;
  if (csv.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ImportPage(req, v, "", nullptr, false, 422, {{"file", "csv_required"}});
  }
  auto& importer = v.cms.s.importer;
  if (v.form.Get("step") == "invite") {
    const bool agreed = v.form.Get("agreement_accepted") == "true";
    auto report = importer.Import(v.Actor(), csv, false, agreed);
    if (report) return ImportPage(req, v, csv, &*report, true, 200, {});
    if (report.error().kind != ErrorKind::kInvalid) return ErrorPage(v, report.error());
    if (report.error().code != "validation") {
      return ImportPage(req, v, csv, nullptr, false, 422, report.error().fields);
    }
    auto dry = importer.Import(v.Actor(), csv, true, false);
    if (!dry) return ErrorPage(v, dry.error());
    return ImportPage(req, v, csv, &*dry, false, 422, report.error().fields);
  }
  auto report = importer.Import(v.Actor(), csv, true, false);
  if (report) return ImportPage(req, v, csv, &*report, false, 200, {});
  if (report.error().kind != ErrorKind::kInvalid) return ErrorPage(v, report.error());
  std::vector<FieldError> errors = report.error().fields;
  if (errors.empty()) errors.push_back({"file", "invalid_csv"});
  return ImportPage(req, v, csv, nullptr, false, 422, errors);
}

}  // namespace

void AddImportPages(http::Router& router, const CmsPtr& cms) {
  router.Add("GET", "/cms/import", AdminPage(cms, [](http::Request& req, Visit& v) {
               return ImportPage(req, v, "", nullptr, false, 200, {});
             }));
  router.Add("POST", "/cms/import", AdminPage(cms, PostImport));
}

}  // namespace usher::web::cms
