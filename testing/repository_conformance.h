// The storage conformance suite: one set of TEST_Ps that every storage backend (SQLite,
// later PostgreSQL) must pass through the domain's repository interfaces. Include this
// header from exactly ONE test file per backend and instantiate it there:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, RepositoryConformance,
//                            ::testing::Values(ConformanceBackend{"Sqlite", OpenFresh}),
//                            ConformanceBackendName);
// The test bodies live in repository_conformance_*.inc, included at the end.
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "testing/matchers.h"
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "usher/auth/repository.h"
#include "usher/base/result.h"
#include "usher/base/time.h"
#include "usher/company/repository.h"
#include "usher/directory/repository.h"
#include "usher/invitation/repository.h"
#include "usher/outbox/repository.h"

namespace usher::testing {

// The repositories of one FRESH, empty (migrated) database. `owner` keeps the
// backend and its files alive; dropping it closes and removes them.
struct Repositories {
  company::CompanyRepository* companies = nullptr;
  directory::DirectoryRepository* directory = nullptr;
  invitation::InvitationRepository* invitations = nullptr;
  auth::SessionRepository* sessions = nullptr;
  outbox::OutboxRepository* outbox = nullptr;
  std::shared_ptr<void> owner;
};

struct ConformanceBackend {
  std::string name;
  std::function<Repositories()> open;  // a new empty database per call
};
inline void PrintTo(const ConformanceBackend& b, std::ostream* os) { *os << b.name; }
inline std::string ConformanceBackendName(
    const ::testing::TestParamInfo<ConformanceBackend>& info) {
  return info.param.name;
}

// Each test starts with two companies, each with one admin, two stores and two groups:
//   company-1: admin-1, store-1a "Antwerp", store-1b "Brussels", group-1a, group-1b
//   company-2: admin-2, store-2a "Antwerp", store-2b "Berlin",   group-2a, group-2b
class RepositoryConformance : public ::testing::TestWithParam<ConformanceBackend> {
 protected:
  static constexpr char kC1[] = "company-1";
  static constexpr char kC2[] = "company-2";
  static Time T0() { return FromUnix(1'790'000'000); }  // 2026-09-21T21:46:40Z

  void SetUp() override {
    repos_ = GetParam().open();
    ASSERT_NE(repos_.companies, nullptr);
    ASSERT_NE(repos_.directory, nullptr);
    ASSERT_NE(repos_.invitations, nullptr);
    ASSERT_NE(repos_.sessions, nullptr);
    ASSERT_NE(repos_.outbox, nullptr);
    for (const auto& [company_id, suffix, second_store] :
         {std::tuple{kC1, "1", "Brussels"}, std::tuple{kC2, "2", "Berlin"}}) {
      ASSERT_TRUE(companies().Create(MakeCompany(company_id, std::string("Company ") + suffix),
                                     MakeAdmin(std::string("admin-") + suffix, company_id,
                                               std::string("admin") + suffix + "@example.com")));
      ASSERT_TRUE(directory().CreateStore(
          {std::string("store-") + suffix + "a", company_id, "Antwerp", std::nullopt}));
      ASSERT_TRUE(directory().CreateStore(
          {std::string("store-") + suffix + "b", company_id, second_store, "B-01"}));
      ASSERT_TRUE(
          directory().CreateGroup({std::string("group-") + suffix + "a", company_id, "Sales"}));
      ASSERT_TRUE(
          directory().CreateGroup({std::string("group-") + suffix + "b", company_id, "Support"}));
    }
  }

  company::CompanyRepository& companies() { return *repos_.companies; }
  directory::DirectoryRepository& directory() { return *repos_.directory; }
  invitation::InvitationRepository& invitations() { return *repos_.invitations; }
  auth::SessionRepository& sessions() { return *repos_.sessions; }
  outbox::OutboxRepository& outbox() { return *repos_.outbox; }

  static company::Company MakeCompany(const std::string& id, const std::string& name,
                                      Time created_at = T0()) {
    company::Company c;
    c.id = id;
    c.name = name;
    c.created_at = created_at;
    return c;
  }

  static company::Admin MakeAdmin(const std::string& id, const std::string& company_id,
                                  const std::string& email) {
    company::Admin a;
    a.id = id;
    a.company_id = company_id;
    a.email = email;
    a.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    a.language = "nl";
    a.created_at = T0();
    return a;
  }

  // A pending invitation "inv-<key>" of user "user-<key>" (e-mail <key>@example.com, one
  // group of the company), invited at `at`, expiring after 60 days.
  static invitation::Invitation MakeInvitation(const std::string& company_id,
                                               const std::string& key, Time at = T0()) {
    const std::string suffix = company_id == kC1 ? "1" : "2";
    invitation::Invitation inv;
    inv.id = "inv-" + key;
    inv.company_id = company_id;
    inv.user.id = "user-" + key;
    inv.user.company_id = company_id;
    inv.user.first_name = "First" + key;
    inv.user.last_name = "Last" + key;
    inv.user.email = key + "@example.com";
    inv.user.language = "en";
    inv.user.user_group_ids = {"group-" + suffix + "a"};
    inv.user.created_at = at;
    inv.channel = invitation::Channel::kEmail;
    inv.invited_at = at;
    inv.expires_at = at + 60 * kDay;
    inv.invited_by = "admin-" + suffix;
    inv.agreement_version = company::kAgreementVersion;
    inv.agreement_accepted_at = at;
    inv.last_message_at = at;
    inv.next_reminder_at = at + 3 * kDay;
    return inv;
  }

  invitation::NewMessage MakeMessage(const invitation::Invitation& inv,
                                     invitation::MessageKind kind, Time at) {
    invitation::NewMessage m;
    m.id = "msg-" + std::to_string(++message_counter_);
    m.kind = kind;
    m.channel = inv.channel;
    m.recipient = inv.user.email ? *inv.user.email : inv.user.phone.value_or("");
    m.language = inv.user.language;
    m.created_at = at;
    return m;
  }

  static invitation::AuditEntry MakeAudit(const invitation::Invitation& inv,
                                          const std::string& action, Time at) {
    return {at, inv.company_id, "admin", inv.invited_by, action, inv.id};
  }

  // Creates `inv` with its invitation message and "invitation.created" audit entry.
  Status Invite(const invitation::Invitation& inv) {
    return invitations().Create(
        inv, MakeMessage(inv, invitation::MessageKind::kInvitation, inv.invited_at),
        MakeAudit(inv, "invitation.created", inv.invited_at));
  }

  // Invites and accepts `inv` (the user becomes active).
  void InviteAndAccept(const invitation::Invitation& inv, Time at) {
    ASSERT_TRUE(Invite(inv));
    ASSERT_TRUE(invitations().Accept(
        inv.id, "$argon2id$user", "nl", at,
        {at, inv.company_id, "user", inv.user.id, "invitation.accepted", inv.id}));
  }

  // The ids of the items of a page, in order.
  template <typename T>
  static std::vector<std::string> Ids(const std::vector<T>& items) {
    std::vector<std::string> ids;
    for (const auto& item : items) ids.push_back(item.id);
    return ids;
  }

  // Five pending invitations of company-1 for the R5 list tests:
  //   key  last name  invited at  expires at
  //   a    Moreau     T0 + 5h     T0 + 40d
  //   b    Dubois     T0 + 1h     T0 + 10d
  //   c    Zeller     T0 + 3h     T0 + 55d
  //   d    Albers     T0 + 2h     T0 + 10d
  //   e    Martin     T0 + 4h     T0 + 2d
  static std::vector<invitation::Invitation> ListPendingRows() {
    struct Row {
      const char* key;
      const char* last;
      int invited_hours;
      int expires_days;
    };
    const Row rows[] = {{"a", "Moreau", 5, 40},
                        {"b", "Dubois", 1, 10},
                        {"c", "Zeller", 3, 55},
                        {"d", "Albers", 2, 10},
                        {"e", "Martin", 4, 2}};
    std::vector<invitation::Invitation> out;
    for (const Row& r : rows) {
      auto inv = MakeInvitation(kC1, r.key, T0() + r.invited_hours * kHour);
      inv.user.last_name = r.last;
      inv.expires_at = T0() + r.expires_days * kDay;
      out.push_back(inv);
    }
    return out;
  }

  // Every page of ListPending(query), following next_cursor; checks total on each page.
  std::vector<std::string> AllPages(const std::string& company_id, invitation::ListQuery query,
                                    long long expected_total) {
    std::vector<std::string> ids;
    for (int page = 0; page < 100; ++page) {
      auto result = invitations().ListPending(company_id, query);
      EXPECT_TRUE(result) << result.error().code;
      if (!result) break;
      EXPECT_EQ(result->total, expected_total);
      EXPECT_LE(static_cast<int>(result->items.size()), query.limit);
      for (const auto& inv : result->items) ids.push_back(inv.id);
      if (!result->next_cursor) break;
      query.cursor = *result->next_cursor;
    }
    return ids;
  }

  Repositories repos_;
  int message_counter_ = 0;
};

}  // namespace usher::testing

#include "testing/repository_conformance_company.inc"
#include "testing/repository_conformance_concurrency.inc"
#include "testing/repository_conformance_directory.inc"
#include "testing/repository_conformance_expiry.inc"
#include "testing/repository_conformance_invitation.inc"
#include "testing/repository_conformance_lifecycle.inc"
#include "testing/repository_conformance_outbox.inc"
#include "testing/repository_conformance_sessions.inc"
