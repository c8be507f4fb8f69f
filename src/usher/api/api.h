// The HTTP API of API.md as routes on an http::Router. Handlers are thin: read the
// request, call one service, shape the answer; errors become problems in http/problem.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "usher/auth/service.h"
#include "usher/base/clock.h"
#include "usher/base/languages.h"
#include "usher/company/service.h"
#include "usher/directory/service.h"
#include "usher/http/router.h"
#include "usher/importer/import.h"
#include "usher/invitation/service.h"
#include "usher/onboarding/service.h"

namespace usher::api {

class Metrics;

// What the operations endpoints need from the running process.
struct Ops {
  std::function<Status()> ping;  // the database answers
  // Gauges for /metrics: invitations by status, outbox messages by status.
  std::function<Result<std::map<std::string, long long>>()> invitation_counts;
  std::function<Result<std::map<std::string, long long>>()> outbox_counts;
  SettableClock* test_clock = nullptr;       // set only with --test-clock
  std::function<Status()> run_due_jobs;  // reminders, erasure, one outbox pass
};

struct Services {
  const Clock& clock;
  const Languages& languages;
  company::CompanyService& companies;
  directory::DirectoryService& directory;
  invitation::InvitationService& invitations;
  auth::AuthService& auth;
  onboarding::OnboardingService& onboarding;
  importer::ImportService& importer;
  Ops& ops;
  Metrics& metrics;
};

// Adds every route of API.md.
void AddRoutes(http::Router& router, Services& s);

// Per capability (see *_handlers.cc).
void AddAuthRoutes(http::Router& router, Services& s);
void AddDirectoryRoutes(http::Router& router, Services& s);
void AddInvitationRoutes(http::Router& router, Services& s);
void AddImportRoutes(http::Router& router, Services& s);
void AddUserRoutes(http::Router& router, Services& s);
void AddRegistrationRoutes(http::Router& router, Services& s);
void AddAppRoutes(http::Router& router, Services& s);
void AddOpsRoutes(http::Router& router, Services& s);

// A handler for an admin's request: the bearer token is checked first (401 otherwise).
using AdminHandler = std::function<http::Response(http::Request&, const auth::AdminLogin&)>;
http::Handler AdminOnly(Services& s, AdminHandler handler);
// An app user's request, likewise.
using UserHandler = std::function<http::Response(http::Request&, const auth::UserLogin&)>;
http::Handler UserOnly(Services& s, UserHandler handler);

// The `limit` query parameter (1..200, default `fallback`); adds {"limit", "out_of_range"}
// to `errors` when it is not such a number.
int QueryLimit(const http::Request& req, int fallback, std::vector<FieldError>& errors);

// The token of "Authorization: Bearer TOKEN", or "".
std::string BearerToken(const http::Request& req);

}  // namespace usher::api
