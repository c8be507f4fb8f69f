// POST /api/v1/invitations/import (R17): a CSV body, checked per row, then invited.
#include "usher/api/api.h"
#include "usher/http/problem.h"

namespace usher::api {
namespace {

using nlohmann::json;

bool IsCsv(const http::Request& req) {
  std::string type = req.Header("content-type");
  type = type.substr(0, type.find(';'));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type == "text/csv";
}

json ReportJson(const importer::Report& r) {
  json rows = json::array();
  for (const auto& row : r.rows) {
    json errors = json::array();
    for (const auto& e : row.errors) {
      errors.push_back(
          {{"field", e.field}, {"code", e.code}, {"message", http::FieldMessage(e.field, e.code)}});
    }
    rows.push_back({{"row", row.row}, {"errors", errors}});
  }
  return {{"valid", r.valid}, {"invalid", r.invalid}, {"rows", rows}, {"invited", r.invited}};
}

}  // namespace

void AddImportRoutes(http::Router& router, Services& s) {
  router.Add("POST", "/api/v1/invitations/import",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               if (!IsCsv(req)) {
                 return http::Problem(Error{ErrorKind::kBadRequest, "unsupported_media_type",
                                            "Send the file as text/csv.", {}, {}});
               }
               const std::string& dry = req.Query("dry_run");
               const std::string& agreed = req.Query("agreement_accepted");
               std::vector<FieldError> errors;
               if (!dry.empty() && dry != "true" && dry != "false") {
                 errors.push_back({"dry_run", "invalid"});
               }
               if (!agreed.empty() && agreed != "true" && agreed != "false") {
                 errors.push_back({"agreement_accepted", "invalid"});
               }
               if (!errors.empty()) return http::Problem(ValidationError(std::move(errors)));
               auto report = s.importer.Import({admin.company.id, admin.admin.id}, req.body,
                                               dry != "false", agreed == "true");
               if (!report) return http::Problem(report.error());
               return http::JsonResponse(200, ReportJson(*report));
             }));
}

}  // namespace usher::api
