// The invitation use cases end to end through a real SQLite file and a test clock.
#include "usher/invitation/service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/matchers.h"
#include "testing/temp_dir.h"
#include "usher/company/service.h"
#include "usher/directory/service.h"
#include "usher/security/random.h"
#include "usher/security/token.h"
#include "usher/storage/sql/sql_storage.h"

namespace usher::invitation {
namespace {

using ::testing::ElementsAre;
using usher::testing::FailsWith;
using usher::testing::HasFieldErrors;

const Time kStart = FromUnix(1'800'000'000);  // 2027-01-15T08:00:00Z

class InvitationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = storage::sql::SqlStorage::Open(dir_.File("usher.db"));
    ASSERT_TRUE(s) << s.error().message;
    storage_ = std::move(*s);
    company::CompanyService companies(clock_, storage_->companies(), languages_);
    actor_ = NewCompany(companies, "acme", "boss@acme.example");
    other_ = NewCompany(companies, "other", "boss@other.example");
    directory::DirectoryService dir(storage_->directory());
    store_ = dir.CreateStore(actor_.company_id, "Gent", std::nullopt)->id;
    store2_ = dir.CreateStore(actor_.company_id, "Brugge", std::nullopt)->id;
    group_ = dir.CreateGroup(actor_.company_id, "Sales")->id;
    other_group_ = dir.CreateGroup(other_.company_id, "Sales")->id;
    service_ = std::make_unique<InvitationService>(InvitationService::Deps{
        clock_, storage_->companies(), storage_->directory(), storage_->invitations(), languages_});
  }

  Actor NewCompany(company::CompanyService& companies, const std::string& name,
                   const std::string& email) {
    company::NewCompany in;
    in.name = name;
    in.admin_email = email;
    in.admin_password = "0123456789";
    auto created = companies.Create(in);
    EXPECT_TRUE(created);
    return {created->company.id, created->admin.id};
  }

  InviteForm Form(const std::string& email) {
    InviteForm f;
    f.first_name = "Zoë";
    f.last_name = "Ñúñez-李";
    f.email = email;
    f.user_group_ids = {group_};
    f.agreement_accepted = true;
    f.language = "nl";
    return f;
  }

  std::vector<std::string> Actions(const std::string& id) {
    std::vector<std::string> out;
    auto trail = storage_->invitations().AuditTrail(id);
    EXPECT_TRUE(trail);
    for (const auto& a : *trail) out.push_back(a.action);
    return out;
  }

  TestClock clock_{kStart};
  Languages languages_ = Languages::Default();
  usher::testing::TempDir dir_;
  std::unique_ptr<storage::sql::SqlStorage> storage_;
  std::unique_ptr<InvitationService> service_;
  Actor actor_, other_;
  std::string store_, store2_, group_, other_group_;
};

TEST_F(InvitationServiceTest, R4_InviteStoresEverything) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv) << inv.error().code;
  auto got = service_->Get(actor_, inv->id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, InvitationStatus::kPending);
  EXPECT_EQ(got->channel, Channel::kEmail);
  EXPECT_EQ(got->user.status, directory::UserStatus::kInvited);
  EXPECT_EQ(got->user.first_name, "Zoë");
  EXPECT_EQ(got->invited_at, kStart);
  EXPECT_EQ(got->expires_at, kStart + 60 * kDay);
  EXPECT_EQ(got->next_reminder_at, kStart + 3 * kDay);
  EXPECT_EQ(got->invited_by, actor_.admin_id);
  EXPECT_EQ(got->agreement_version, company::kAgreementVersion);
  EXPECT_EQ(got->delivery, Delivery::kQueued);
  EXPECT_THAT(Actions(inv->id), ElementsAre("invitation.created"));
}

TEST_F(InvitationServiceTest, R2_PhoneOnlyGoesBySms) {
  InviteForm f = Form("");
  f.phone = "0470 12 34 56";
  auto inv = service_->Invite(actor_, f);
  ASSERT_TRUE(inv);
  EXPECT_EQ(inv->channel, Channel::kSms);
  EXPECT_EQ(inv->user.phone, "+32470123456");
}

TEST_F(InvitationServiceTest, R1_InvalidFormStoresNothing) {
  InviteForm f = Form("zoe@example.com");
  f.user_group_ids = {other_group_};  // another company's group
  f.agreement_accepted = false;
  auto inv = service_->Invite(actor_, f);
  ASSERT_FALSE(inv);
  EXPECT_THAT(inv.error().fields, HasFieldErrors({{"user_group_ids", "unknown_group"},
                                                  {"agreement_accepted", "agreement_required"}}));
  EXPECT_EQ(service_->List(actor_, {})->total, 0);
}

TEST_F(InvitationServiceTest, R1_ExternalIdMustBeUniqueInTheCompany) {
  InviteForm f = Form("a@example.com");
  f.external_id = "E-1";
  ASSERT_TRUE(service_->Invite(actor_, f));
  f.email = "b@example.com";
  auto dup = service_->Invite(actor_, f);
  ASSERT_FALSE(dup);
  EXPECT_THAT(dup.error().fields, HasFieldErrors({{"external_id", "taken"}}));
}

TEST_F(InvitationServiceTest, R3_NoDuplicatesInOneCompany) {
  auto first = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(first);
  auto again = service_->Invite(actor_, Form("ZOE@Example.com"));
  ASSERT_THAT(again, FailsWith("already_invited"));
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(again.error().Detail("invitation_id"), first->id);
  EXPECT_TRUE(service_->Invite(other_, [&] {
    InviteForm f = Form("zoe@example.com");
    f.user_group_ids = {other_group_};
    return f;
  }()));  // another company may invite the same person
  ASSERT_TRUE(storage_->invitations().Accept(first->id, "hash", "nl", kStart, {}));
  EXPECT_THAT(service_->Invite(actor_, Form("zoe@example.com")), FailsWith("already_registered"));
}

TEST_F(InvitationServiceTest, R15_AnotherCompanysInvitationIsNotFound) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  EXPECT_THAT(service_->Get(other_, inv->id), FailsWith("not_found"));
  EXPECT_THAT(service_->Resend(other_, inv->id), FailsWith("not_found"));
  EXPECT_THAT(service_->Edit(other_, inv->id, {}), FailsWith("not_found"));
  EXPECT_THAT(service_->Revoke(other_, inv->id), FailsWith("not_found"));
  EXPECT_TRUE(service_->Get(actor_, inv->id));
}

TEST_F(InvitationServiceTest, R6_ResendCooldownAndNoExtension) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  clock_.Advance(kHour);
  auto resent = service_->Resend(actor_, inv->id);
  ASSERT_TRUE(resent);
  EXPECT_EQ(resent->resend_count, 1);
  EXPECT_EQ(resent->last_resend_at, kStart + kHour);
  EXPECT_EQ(resent->expires_at, inv->expires_at);  // no extension

  clock_.Advance(kDay - Seconds{1});
  auto refused = service_->Resend(actor_, inv->id);
  ASSERT_THAT(refused, FailsWith("resend_cooldown"));
  EXPECT_EQ(refused.error().kind, ErrorKind::kRateLimited);
  EXPECT_EQ(refused.error().Detail("resend_available_at"), FormatRfc3339(kStart + kHour + kDay));
  EXPECT_EQ(refused.error().Detail("retry_after"), "1");

  clock_.Advance(Seconds{1});
  resent = service_->Resend(actor_, inv->id);
  ASSERT_TRUE(resent);
  EXPECT_EQ(resent->resend_count, 2);
  EXPECT_EQ(resent->expires_at, inv->expires_at);
  EXPECT_THAT(Actions(inv->id),
              ElementsAre("invitation.created", "invitation.resent", "invitation.resent"));
}

TEST_F(InvitationServiceTest, R7_SevenRemindersOverSixtyDays) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  int sent = 0;
  for (int hour = 0; hour <= 61 * 24; ++hour) {
    auto n = service_->SendDueReminders();
    ASSERT_TRUE(n);
    sent += *n;
    clock_.Advance(kHour);
    if (clock_.Now() >= inv->expires_at) break;
  }
  EXPECT_EQ(sent, 7);
  EXPECT_EQ(service_->Get(actor_, inv->id)->reminders_sent, 7);
}

TEST_F(InvitationServiceTest, R7_AfterDowntimeOnlyTheLatestAndOncePerSlot) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  clock_.Advance(31 * kDay);  // slots of days 3, 10, 20 and 30 all missed
  EXPECT_EQ(*service_->SendDueReminders(), 1);
  EXPECT_EQ(*service_->SendDueReminders(), 0);  // a second worker pass sends nothing
  auto got = service_->Get(actor_, inv->id);
  EXPECT_EQ(got->reminder_slot, 3);
  EXPECT_EQ(got->next_reminder_at, kStart + 45 * kDay);
}

TEST_F(InvitationServiceTest, R7_ReminderSkippedWithin24HoursOfAResend) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  clock_.Set(kStart + 3 * kDay);
  EXPECT_EQ(*service_->SendDueReminders(), 1);
  clock_.Set(kStart + 9 * kDay + 12 * kHour);
  ASSERT_TRUE(service_->Resend(actor_, inv->id));
  clock_.Set(kStart + 10 * kDay);
  EXPECT_EQ(*service_->SendDueReminders(), 0);  // skipped: resent 12 h before
  EXPECT_THAT(Actions(inv->id), ElementsAre("invitation.created", "invitation.reminded",
                                            "invitation.resent", "invitation.reminder_skipped"));
  clock_.Set(kStart + 20 * kDay);
  EXPECT_EQ(*service_->SendDueReminders(), 1);
}

TEST_F(InvitationServiceTest, R7_NoRemindersOnceAccepted) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  ASSERT_TRUE(storage_->invitations().Accept(inv->id, "hash", "nl", kStart, {}));
  clock_.Advance(4 * kDay);
  EXPECT_EQ(*service_->SendDueReminders(), 0);
}

TEST_F(InvitationServiceTest, R8_ExpiredInvitationsAreErased) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  clock_.Set(inv->expires_at - Seconds{1});
  EXPECT_EQ(*service_->EraseExpired(), 0);
  clock_.Set(inv->expires_at);
  EXPECT_EQ(*service_->EraseExpired(), 1);
  EXPECT_THAT(service_->Get(actor_, inv->id), FailsWith("not_found"));
  EXPECT_THAT(Actions(inv->id), ElementsAre("invitation.created", "invitation.expired"));
  EXPECT_EQ(*storage_->invitations().ErasedCount(actor_.company_id, FormatDay(clock_.Now())), 1);
  EXPECT_TRUE(service_->Invite(actor_, Form("zoe@example.com")));  // may be invited again
}

TEST_F(InvitationServiceTest, R8_ErasesInBatches) {
  for (int i = 0; i < 25; ++i) {
    ASSERT_TRUE(service_->Invite(actor_, Form("u" + std::to_string(i) + "@example.com")));
  }
  clock_.Advance(60 * kDay);
  EXPECT_EQ(*service_->EraseExpired(10), 25);
  EXPECT_EQ(service_->List(actor_, {})->total, 0);
}

TEST_F(InvitationServiceTest, R14_EditWithoutContactChangeKeepsLinks) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  const std::string hash = security::HashToken(security::NewToken());
  ASSERT_TRUE(storage_->invitations().AddToken(inv->id, hash, kStart));
  InvitationPatch p;
  p.last_name = "Janssens";
  p.role = "manager";
  p.store_ids = std::vector<std::string>{store_, store2_};
  auto edited = service_->Edit(actor_, inv->id, p);
  ASSERT_TRUE(edited) << edited.error().code;
  EXPECT_EQ(edited->user.last_name, "Janssens");
  EXPECT_EQ(edited->user.role, directory::Role::kManager);
  EXPECT_EQ(edited->user.store_ids.size(), 2u);
  EXPECT_TRUE(storage_->invitations().FindByTokenHash(hash));
}

TEST_F(InvitationServiceTest, R14_NewAddressStopsOldLinks) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  const std::string hash = security::HashToken(security::NewToken());
  ASSERT_TRUE(storage_->invitations().AddToken(inv->id, hash, kStart));
  clock_.Advance(kHour);
  InvitationPatch p;
  p.email = std::optional<std::string>("zoe@example.org");
  auto edited = service_->Edit(actor_, inv->id, p);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->user.email, "zoe@example.org");
  EXPECT_EQ(edited->last_message_at, kStart + kHour);
  EXPECT_THAT(storage_->invitations().FindByTokenHash(hash), FailsWith("invalid_link"));
}

TEST_F(InvitationServiceTest, R13_R14_EditCannotLeaveAManagerWithoutStore) {
  InviteForm f = Form("zoe@example.com");
  f.role = "manager";
  f.store_ids = {store_};
  auto inv = service_->Invite(actor_, f);
  ASSERT_TRUE(inv);
  InvitationPatch p;
  p.store_ids = std::vector<std::string>{};
  auto edited = service_->Edit(actor_, inv->id, p);
  ASSERT_FALSE(edited);
  EXPECT_THAT(edited.error().fields, HasFieldErrors({{"store_ids", "manager_requires_store"}}));
}

TEST_F(InvitationServiceTest, R14_RevokeErasesAndStopsLinks) {
  auto inv = service_->Invite(actor_, Form("zoe@example.com"));
  ASSERT_TRUE(inv);
  const std::string hash = security::HashToken(security::NewToken());
  ASSERT_TRUE(storage_->invitations().AddToken(inv->id, hash, kStart));
  ASSERT_TRUE(service_->Revoke(actor_, inv->id));
  EXPECT_THAT(storage_->invitations().FindByTokenHash(hash), FailsWith("invalid_link"));
  EXPECT_THAT(service_->Get(actor_, inv->id), FailsWith("not_found"));
  EXPECT_THAT(service_->Revoke(actor_, inv->id), FailsWith("not_found"));
  EXPECT_THAT(Actions(inv->id), ElementsAre("invitation.created", "invitation.revoked"));
  EXPECT_TRUE(service_->Invite(actor_, Form("zoe@example.com")));
}

TEST_F(InvitationServiceTest, R5_ListFiltersByMarker) {
  ASSERT_TRUE(service_->Invite(actor_, Form("early@example.com")));
  clock_.Advance(5 * kDay);
  ASSERT_TRUE(service_->Invite(actor_, Form("late@example.com")));
  clock_.Set(kStart + 55 * kDay);  // early: 5 days left (yellow); late: 10 (none)
  ListRequest r;
  r.marker = Marker::kYellow;
  auto page = service_->List(actor_, r);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].user.email, "early@example.com");
  r.marker = Marker::kRed;
  EXPECT_EQ(service_->List(actor_, r)->total, 0);
  r.marker = Marker::kNone;
  EXPECT_EQ(service_->List(actor_, r)->total, 1);
  r.marker.reset();
  r.limit = 0;
  EXPECT_THAT(service_->List(actor_, r), FailsWith("validation"));
}

TEST_F(InvitationServiceTest, R13_StoreThatIsAManagersLastCannotBeDeleted) {
  InviteForm f = Form("zoe@example.com");
  f.role = "manager";
  f.store_ids = {store_};
  ASSERT_TRUE(service_->Invite(actor_, f));
  directory::DirectoryService dir(storage_->directory());
  EXPECT_THAT(dir.DeleteStore(actor_.company_id, store_), FailsWith("store_required_by_manager"));
  EXPECT_TRUE(dir.DeleteStore(actor_.company_id, store2_));
}

}  // namespace
}  // namespace usher::invitation
