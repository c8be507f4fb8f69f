// /api/v1/invitations: create, list, get, edit, resend, revoke (R1-R6, R14).
#include "usher/api/api.h"
#include "usher/api/views.h"
#include "usher/http/json_input.h"
#include "usher/http/problem.h"

namespace usher::api {
namespace {

using invitation::Actor;
using nlohmann::json;

Actor ActorOf(const auth::AdminLogin& admin) { return {admin.company.id, admin.admin.id}; }

const std::set<std::string> kFormFields = {
    "first_name", "last_name", "email",          "phone",    "job_position",      "external_id",
    "role",       "store_ids", "user_group_ids", "language", "agreement_accepted"};

// The form of a request, and the fields whose type was wrong (or unknown) in it.
struct ReadResult {
  invitation::InviteForm form;
  Status fields;
};

Result<ReadResult> ReadForm(const http::Request& req) {
  auto body = http::ParseJsonObject(req);
  if (!body) return Fail(body.error());
  http::Fields f(*body, kFormFields);
  invitation::InviteForm form;
  form.first_name = f.String("first_name").value_or("");
  form.last_name = f.String("last_name").value_or("");
  form.email = f.String("email");
  form.phone = f.String("phone");
  form.job_position = f.String("job_position");
  form.external_id = f.String("external_id");
  form.role = f.String("role");
  form.store_ids = f.Strings("store_ids").value_or(std::vector<std::string>{});
  form.user_group_ids = f.Strings("user_group_ids").value_or(std::vector<std::string>{});
  form.language = f.String("language");
  form.agreement_accepted = f.Bool("agreement_accepted").value_or(false);
  return ReadResult{std::move(form), f.Finish()};
}

// R1: every broken rule at once: the type errors, and the rules of the fields that could
// be read (a field with a wrong type is reported once, as invalid_type).
http::Response AllFieldErrors(const Error& type_errors, const Result<directory::User>& rules) {
  std::vector<FieldError> errors = type_errors.fields;
  if (!rules && rules.error().kind == ErrorKind::kInvalid) {
    for (const auto& e : rules.error().fields) {
      const bool seen = std::any_of(errors.begin(), errors.end(),
                                    [&](const FieldError& t) { return t.field == e.field; });
      if (!seen) errors.push_back(e);
    }
  }
  return http::Problem(ValidationError(std::move(errors)));
}

Result<invitation::InvitationPatch> ReadPatch(const http::Request& req) {
  auto body = http::ParseJsonObject(req);
  if (!body) return Fail(body.error());
  std::set<std::string> allowed = kFormFields;
  allowed.erase("agreement_accepted");
  http::Fields f(*body, allowed);
  invitation::InvitationPatch p;
  p.first_name = f.String("first_name");
  p.last_name = f.String("last_name");
  p.email = f.NullableString("email");
  p.phone = f.NullableString("phone");
  p.job_position = f.NullableString("job_position");
  p.external_id = f.NullableString("external_id");
  p.role = f.String("role");
  p.store_ids = f.Strings("store_ids");
  p.user_group_ids = f.Strings("user_group_ids");
  p.language = f.String("language");
  USHER_RETURN_IF_ERROR(f.Finish());
  return p;
}

Result<invitation::ListRequest> ReadListQuery(const http::Request& req) {
  invitation::ListRequest r;
  std::vector<FieldError> errors;
  if (const auto& m = req.Query("marker"); !m.empty()) {
    r.marker = invitation::ParseMarker(m);
    if (!r.marker) errors.push_back({"marker", "invalid"});
  }
  if (const auto& role = req.Query("role"); !role.empty()) {
    r.role = directory::ParseRole(role);
    if (!r.role) errors.push_back({"role", "invalid"});
  }
  r.store_id = req.Query("store_id");
  r.user_group_id = req.Query("user_group_id");
  r.q = req.Query("q");
  if (r.q.size() > 200) errors.push_back({"q", "too_long"});
  if (const auto& sort = req.Query("sort"); !sort.empty()) {
    auto order = invitation::ParseSortOrder(sort);
    if (!order) {
      errors.push_back({"sort", "invalid"});
    } else {
      r.sort = *order;
    }
  }
  r.limit = QueryLimit(req, r.limit, errors);
  r.cursor = req.Query("cursor");
  if (!errors.empty()) return Fail(ValidationError(std::move(errors)));
  return r;
}

}  // namespace

void AddInvitationRoutes(http::Router& router, Services& s) {
  router.Add("POST", "/api/v1/invitations",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto read = ReadForm(req);
               if (!read) return http::Problem(read.error());
               if (!read->fields) {
                 return AllFieldErrors(read->fields.error(),
                                       s.invitations.Validate(ActorOf(admin), read->form));
               }
               auto inv = s.invitations.Invite(ActorOf(admin), read->form);
               if (!inv) return http::Problem(inv.error());
               return http::JsonResponse(201, InvitationJson(*inv, s.clock.Now()));
             }));
  router.Add("GET", "/api/v1/invitations",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto query = ReadListQuery(req);
               if (!query) return http::Problem(query.error());
               auto page = s.invitations.List(ActorOf(admin), *query);
               if (!page) return http::Problem(page.error());
               const Time now = s.clock.Now();
               json items = json::array();
               for (const auto& inv : page->items) items.push_back(InvitationJson(inv, now));
               return http::JsonResponse(200, {{"items", items},
                                               {"next_cursor", OrNull(page->next_cursor)},
                                               {"total", page->total}});
             }));
  router.Add("GET", "/api/v1/invitations/{id}",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto inv = s.invitations.Get(ActorOf(admin), req.Param("id"));
               if (!inv) return http::Problem(inv.error());
               return http::JsonResponse(200, InvitationJson(*inv, s.clock.Now()));
             }));
  router.Add("PATCH", "/api/v1/invitations/{id}",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto patch = ReadPatch(req);
               if (!patch) return http::Problem(patch.error());
               auto inv = s.invitations.Edit(ActorOf(admin), req.Param("id"), *patch);
               if (!inv) return http::Problem(inv.error());
               return http::JsonResponse(200, InvitationJson(*inv, s.clock.Now()));
             }));
  router.Add("POST", "/api/v1/invitations/{id}/resend",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto inv = s.invitations.Resend(ActorOf(admin), req.Param("id"));
               if (!inv) return http::Problem(inv.error());
               return http::JsonResponse(200, InvitationJson(*inv, s.clock.Now()));
             }));
  router.Add("DELETE", "/api/v1/invitations/{id}",
             AdminOnly(s, [&s](http::Request& req, const auth::AdminLogin& admin) {
               auto ok = s.invitations.Revoke(ActorOf(admin), req.Param("id"));
               return ok ? http::NoContent() : http::Problem(ok.error());
             }));
}

}  // namespace usher::api
