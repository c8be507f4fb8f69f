#include <gtest/gtest.h>

#include "usher/http/json_input.h"
#include "usher/http/problem.h"
#include "usher/http/router.h"

namespace usher::http {
namespace {

Request Req(const std::string& method, const std::string& path, const std::string& body = "",
            const std::string& type = "application/json") {
  Request r;
  r.method = method;
  r.path = path;
  r.body = body;
  r.headers["content-type"] = type;
  return r;
}

TEST(Router, MatchesLiteralsAndParameters) {
  Router router;
  router.Add("GET", "/api/v1/invitations", [](Request&) { return JsonResponse(200, "list"); });
  router.Add("GET", "/api/v1/invitations/{id}",
             [](Request& r) { return JsonResponse(200, r.Param("id")); });
  router.Add("POST", "/api/v1/invitations/{id}/resend",
             [](Request& r) { return JsonResponse(200, "resend " + r.Param("id")); });
  Request r = Req("GET", "/api/v1/invitations/abc");
  auto m = router.Find(r);
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(m.route, "/api/v1/invitations/{id}");
  EXPECT_EQ((*m.handler)(r).body, "\"abc\"");
  r = Req("POST", "/api/v1/invitations/x/resend");
  m = router.Find(r);
  ASSERT_NE(m.handler, nullptr);
  EXPECT_EQ(r.Param("id"), "x");
}

TEST(Router, UnknownPathAndWrongMethod) {
  Router router;
  router.Add("GET", "/a/{id}", [](Request&) { return NoContent(); });
  router.Add("DELETE", "/a/{id}", [](Request&) { return NoContent(); });
  Request r = Req("GET", "/b");
  auto m = router.Find(r);
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_EQ(m.route, "unmatched");
  EXPECT_TRUE(m.allowed.empty());
  r = Req("PUT", "/a/1");
  m = router.Find(r);
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "DELETE"}));
  r = Req("GET", "/a/");  // an empty parameter matches nothing
  EXPECT_EQ(router.Find(r).handler, nullptr);
  r = Req("HEAD", "/a/1");  // HEAD is answered like GET
  EXPECT_NE(router.Find(r).handler, nullptr);
}

TEST(Query, DecodesPercentAndPlus) {
  auto q = ParseQuery("q=Zo%C3%AB+N&limit=5&empty=&flag&bad=%zz");
  EXPECT_EQ(q["q"], "Zoë N");
  EXPECT_EQ(q["limit"], "5");
  EXPECT_EQ(q["empty"], "");
  EXPECT_TRUE(q.contains("flag"));
  EXPECT_EQ(q["bad"], "%zz");
  EXPECT_EQ(PercentDecode("/a%2Fb+c", false), "/a/b+c");
  EXPECT_EQ(PercentDecode("%4", false), "%4");
}

TEST(JsonInput, RefusesWhatCannotBeRead) {
  auto code = [](const Request& r) {
    auto j = ParseJsonObject(r);
    return j ? std::string("ok") : j.error().code;
  };
  EXPECT_EQ(code(Req("POST", "/", "{}")), "ok");
  EXPECT_EQ(code(Req("POST", "/", "{}", "application/json; charset=utf-8")), "ok");
  EXPECT_EQ(code(Req("POST", "/", "{}", "text/plain")), "unsupported_media_type");
  EXPECT_EQ(code(Req("POST", "/", "{", "application/json")), "malformed_json");
  EXPECT_EQ(code(Req("POST", "/", "[1]")), "invalid_body");
  EXPECT_EQ(code(Req("POST", "/", "{\"a\": \"\xff\"}")), "malformed_json");
  EXPECT_EQ(code(Req("POST", "/", std::string(10000, '['))), "malformed_json");
  EXPECT_EQ(code(Req("POST", "/", "{\"a\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}")), "ok");
}

TEST(JsonInput, FieldsCollectEveryTypeErrorAndUnknownField) {
  auto j = nlohmann::json::parse(R"({"name": 5, "ids": ["a", 1], "ok": true, "extra": 1,
                                     "n": 3, "cleared": null})");
  Fields f(j, {"name", "ids", "ok", "n", "cleared"});
  EXPECT_FALSE(f.String("name"));
  EXPECT_FALSE(f.Strings("ids"));
  EXPECT_EQ(f.Bool("ok"), true);
  EXPECT_EQ(f.Int("n"), 3);
  auto cleared = f.NullableString("cleared");
  ASSERT_TRUE(cleared);
  EXPECT_FALSE(*cleared);
  EXPECT_FALSE(f.NullableString("absent"));
  auto done = f.Finish();
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().fields.size(), 3u);  // extra, name, ids
}

TEST(Problem, OneTableFromErrorToHttp) {
  EXPECT_EQ(StatusOf(ValidationError({})), 422);
  EXPECT_EQ(StatusOf(Error{ErrorKind::kNotFound, "not_found", "", {}, {}}), 404);
  EXPECT_EQ(StatusOf(Error{ErrorKind::kConflict, "already_invited", "", {}, {}}), 409);
  EXPECT_EQ(StatusOf(Error{ErrorKind::kBadRequest, "unsupported_media_type", "", {}, {}}), 415);
  EXPECT_EQ(StatusOf(Error{ErrorKind::kUnavailable, "database_unavailable", "", {}, {}}), 503);
  Error e{ErrorKind::kRateLimited, "resend_cooldown", "wait", {}, {}};
  e.details = {{"resend_available_at", "2027-01-01T00:00:00Z"}, {"retry_after", "60"}};
  Response r = Problem(e);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.content_type, "application/problem+json");
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["code"], "resend_cooldown");
  EXPECT_EQ(body["resend_available_at"], "2027-01-01T00:00:00Z");
  EXPECT_FALSE(body.contains("retry_after"));
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Retry-After", "60"}));
}

TEST(Problem, FieldErrorsCarryFieldCodeAndMessage) {
  Response r = Problem(ValidationError({{"user_group_ids", "at_least_one_group"}}));
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["errors"][0]["field"], "user_group_ids");
  EXPECT_EQ(body["errors"][0]["code"], "at_least_one_group");
  EXPECT_FALSE(body["errors"][0]["message"].get<std::string>().empty());
}

TEST(ClientAddress, ForwardedForOnlyFromTrustedProxies) {
  const std::vector<std::string> proxies = {"10.0.0.2", "10.0.0.3"};
  EXPECT_EQ(ClientAddress("192.0.2.7", "198.51.100.1", proxies), "192.0.2.7");  // not a proxy
  EXPECT_EQ(ClientAddress("10.0.0.2", "", proxies), "10.0.0.2");
  EXPECT_EQ(ClientAddress("10.0.0.2", "198.51.100.1", proxies), "198.51.100.1");
  // A client cannot choose its address by sending X-Forwarded-For itself: the rightmost
  // address the trusted proxies did not add is taken.
  EXPECT_EQ(ClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.3", proxies),
            "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.2", "2001:db8::1", proxies), "2001:db8::1");
  EXPECT_EQ(ClientAddress("10.0.0.2", "garbage, 198.51.100.1", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.2", "198.51.100.1, garbage", proxies), "10.0.0.2");
}

}  // namespace
}  // namespace usher::http
