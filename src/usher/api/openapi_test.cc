// The OpenAPI document and the router agree: every route is described, every described
// operation is routed.
#include "usher/api/openapi.h"

#include <set>

#include "testing/temp_dir.h"
#include <gtest/gtest.h>

#include "usher/api/api.h"
#include "usher/api/metrics.h"
#include "usher/storage/sql/sql_storage.h"

namespace usher::api {
namespace {

TEST(OpenApi, DescribesExactlyTheRoutes) {
  usher::testing::TempDir dir;
  auto st = storage::sql::SqlStorage::Open(dir.File("usher.db"));
  ASSERT_TRUE(st);
  auto& s = **st;
  TestClock clock(FromUnix(1'800'000'000));
  const Languages languages = Languages::Default();
  company::CompanyService companies(clock, s.companies(), languages);
  directory::DirectoryService directory(s.directory());
  invitation::InvitationService invitations(
      {clock, s.companies(), s.directory(), s.invitations(), languages});
  auth::AuthService auth({clock, s.sessions(), s.companies(), s.directory()});
  onboarding::OnboardingService onboarding(
      {clock, s.companies(), s.directory(), s.invitations(), languages});
  importer::ImportService importer(s.directory(), invitations);
  Ops ops;
  ops.test_clock = &clock;  // the test-clock routes are described too
  Metrics metrics;
  Services services{clock, languages,  companies, directory, invitations,
                    auth,  onboarding, importer,  ops,       metrics};
  http::Router router;
  AddRoutes(router, services);

  std::set<std::string> routed;
  for (const auto& r : router.routes()) routed.insert(r.method + " " + r.pattern);
  const auto doc = nlohmann::json::parse(OpenApiDocument());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> described;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      described.insert(upper + " " + path);
      EXPECT_TRUE(op.contains("responses")) << upper << " " << path;
    }
  }
  for (const auto& r : routed) EXPECT_TRUE(described.contains(r)) << "not described: " << r;
  for (const auto& d : described) EXPECT_TRUE(routed.contains(d)) << "not routed: " << d;
}

}  // namespace
}  // namespace usher::api
