// Operations: /healthz, /readyz, /metrics, /api/openapi.json and the test clock.
#include "usher/api/api.h"
#include "usher/api/metrics.h"
#include "usher/api/openapi.h"
#include "usher/http/json_input.h"
#include "usher/http/problem.h"

namespace usher::api {
namespace {

http::Response Text(int status, std::string body, std::string type) {
  http::Response r;
  r.status = status;
  r.content_type = std::move(type);
  r.body = std::move(body);
  return r;
}

http::Response MoveClock(Services& s, http::Request& req) {
  auto body = http::ParseJsonObject(req);
  if (!body) return http::Problem(body.error());
  http::Fields f(*body, {"advance_seconds", "now"});
  const auto advance = f.Int("advance_seconds");
  const auto now = f.String("now");
  if (auto ok = f.Finish(); !ok) return http::Problem(ok.error());
  SettableClock& clock = *s.ops.test_clock;
  if (advance) {
    if (*advance < 0 || *advance > 10LL * 365 * 86400) {
      return http::Problem(ValidationError({{"advance_seconds", "out_of_range"}}));
    }
    clock.Advance(Seconds{*advance});
  } else if (now) {
    const auto t = ParseRfc3339(*now);
    if (!t) return http::Problem(ValidationError({{"now", "invalid"}}));
    if (!clock.Set(*t)) return http::Problem(ValidationError({{"now", "in_the_past"}}));
  } else {
    return http::Problem(ValidationError({{"advance_seconds", "required"}}));
  }
  if (auto ok = s.ops.run_due_jobs(); !ok) return http::Problem(ok.error());
  return http::JsonResponse(200, {{"now", FormatRfc3339(clock.Now())}});
}

}  // namespace

void AddOpsRoutes(http::Router& router, Services& s) {
  router.Add("GET", "/healthz",
             [](http::Request&) { return Text(200, "ok\n", "text/plain; charset=utf-8"); });
  router.Add("GET", "/readyz", [&s](http::Request&) {
    auto ok = s.ops.ping();
    return ok ? Text(200, "ready\n", "text/plain; charset=utf-8") : http::Problem(ok.error());
  });
  router.Add("GET", "/metrics", [&s](http::Request&) {
    auto invitations = s.ops.invitation_counts();
    auto outbox = s.ops.outbox_counts();
    if (!invitations) return http::Problem(invitations.error());
    if (!outbox) return http::Problem(outbox.error());
    return Text(200, s.metrics.Render(*invitations, *outbox), "text/plain; version=0.0.4");
  });
  router.Add("GET", "/api/openapi.json", [](http::Request&) {
    return Text(200, OpenApiDocument(), "application/json; charset=utf-8");
  });
  if (s.ops.test_clock == nullptr) return;  // without --test-clock these paths are 404
  router.Add("GET", "/api/v1/_test/clock", [&s](http::Request&) {
    return http::JsonResponse(200, {{"now", FormatRfc3339(s.ops.test_clock->Now())}});
  });
  router.Add("POST", "/api/v1/_test/clock", [&s](http::Request& req) { return MoveClock(s, req); });
}

}  // namespace usher::api
