#include "usher/invitation/rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/matchers.h"
#include "usher/directory/rules.h"

namespace usher::invitation {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using usher::testing::HasFieldErrors;

const Languages kLanguages = Languages::Default();
const Time kT0 = FromUnix(1'800'000'000);  // 2027-01-15T08:00:00Z

FormContext Context() {
  FormContext ctx;
  ctx.languages = &kLanguages;
  ctx.default_region = "BE";
  ctx.known_store_ids = {"s1", "s2"};
  ctx.known_group_ids = {"g1", "g2"};
  return ctx;
}

InviteForm ValidForm() {
  InviteForm f;
  f.first_name = "Ana";
  f.last_name = "Peeters";
  f.email = "ana@example.com";
  f.user_group_ids = {"g1"};
  f.agreement_accepted = true;
  f.language = "nl";
  return f;
}

std::vector<FieldError> ErrorsOf(const InviteForm& f, const FormContext& ctx = Context()) {
  auto r = ValidateInviteForm(f, ctx);
  if (r) return {};
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(r.error().code, "validation");
  return r.error().fields;
}

// --- R1: the invite form -------------------------------------------------------------

TEST(InviteForm, R1_ValidFormIsNormalised) {
  InviteForm f = ValidForm();
  f.first_name = "  Ana ";
  f.email = " Ana@Example.COM ";
  f.phone = "0470 12 34 56";
  f.job_position = " Sales ";
  f.external_id = "E-1001";
  f.store_ids = {"s2", "s1", "s2"};
  f.user_group_ids = {"g2", "g1"};
  auto user = ValidateInviteForm(f, Context());
  ASSERT_TRUE(user) << user.error().fields.size();
  EXPECT_EQ(user->first_name, "Ana");
  EXPECT_EQ(user->email, "Ana@example.com");
  EXPECT_EQ(user->phone, "+32470123456");
  EXPECT_EQ(user->job_position, "Sales");
  EXPECT_EQ(user->external_id, "E-1001");
  EXPECT_EQ(user->role, directory::Role::kUser);
  EXPECT_THAT(user->store_ids, ElementsAre("s1", "s2"));
  EXPECT_THAT(user->user_group_ids, ElementsAre("g1", "g2"));
  EXPECT_EQ(user->language, "nl");
}

TEST(InviteForm, R1_EveryBrokenRuleIsReportedTogether) {
  InviteForm f;
  f.role = "boss";
  f.store_ids = {"nope"};
  f.language = "xx";
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"first_name", "required"},
                                           {"last_name", "required"},
                                           {"email", "email_or_phone_required"},
                                           {"role", "invalid"},
                                           {"store_ids", "unknown_store"},
                                           {"user_group_ids", "at_least_one_group"},
                                           {"agreement_accepted", "agreement_required"},
                                           {"language", "unsupported_language"}}));
}

TEST(InviteForm, R1_NamesAreRequiredAfterTrimming) {
  InviteForm f = ValidForm();
  f.first_name = " \t\u3000";  // ASCII and ideographic spaces
  f.last_name = "";
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"first_name", "required"}, {"last_name", "required"}}));
}

TEST(InviteForm, R1_NamesOfAnyScriptUpTo100Characters) {
  InviteForm f = ValidForm();
  f.first_name = "Zoë";
  f.last_name = "Ñúñez-李";
  EXPECT_THAT(ErrorsOf(f), IsEmpty());
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "李";  // 100 characters, 300 bytes
  f.first_name = hundred;
  f.last_name = std::string(100, 'a');
  EXPECT_THAT(ErrorsOf(f), IsEmpty());
  f.first_name = hundred + "李";
  f.last_name = std::string(101, 'a');
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"first_name", "too_long"}, {"last_name", "too_long"}}));
}

TEST(InviteForm, R1_NamesAreNfcNormalised) {
  InviteForm f = ValidForm();
  f.first_name = "Zoe\u0308";  // e + combining diaeresis
  auto user = ValidateInviteForm(f, Context());
  ASSERT_TRUE(user);
  EXPECT_EQ(user->first_name, "Zo\u00eb");
}

TEST(InviteForm, R1_ControlCharactersAreRefused) {
  const std::vector<std::string> bad_names = {"Ana\nBcc: x", "An\ta",     std::string("A\0na", 4),
                                              "Ana\x7f",     "An\u2028a", "Ana\u202e"};
  for (const std::string& bad : bad_names) {
    InviteForm f = ValidForm();
    f.first_name = bad;
    EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"first_name", "invalid"}})) << bad;
  }
}

TEST(InviteForm, R1_InvalidUtf8IsRefused) {
  InviteForm f = ValidForm();
  f.first_name = "\xc3\x28";
  f.email = "\xff@example.com";
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"first_name", "invalid"}, {"email", "invalid"}}));
}

TEST(InviteForm, R1_EmailSyntax) {
  InviteForm f = ValidForm();
  for (const char* bad : {"ana", "ana@", "@example.com", "ana@@example.com", "an a@example.com",
                          "ana@example.com\r\nBcc: x@y.z"}) {
    f.email = bad;
    EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"email", "invalid"}})) << bad;
  }
}

TEST(InviteForm, R1_InternationalisedDomainIsAccepted) {
  InviteForm f = ValidForm();
  f.email = "ana@BÜCHER.example";
  auto user = ValidateInviteForm(f, Context());
  ASSERT_TRUE(user);
  EXPECT_EQ(user->email, "ana@bücher.example");
}

TEST(InviteForm, R1_EmailAtMost254Octets) {
  InviteForm f = ValidForm();
  const std::string domain =
      "@" + std::string(63, 'd') + "." + std::string(63, 'e') + "." + std::string(63, 'f') + ".com";
  f.email = std::string(254 - domain.size(), 'a') + domain;
  EXPECT_THAT(ErrorsOf(f), IsEmpty());
  f.email = std::string(255 - domain.size(), 'a') + domain;
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"email", "invalid"}}));
}

TEST(InviteForm, R1_PhoneUsesTheCompanyRegionAndIsStoredE164) {
  InviteForm f = ValidForm();
  f.email.reset();
  f.phone = "0470 12 34 56";
  auto user = ValidateInviteForm(f, Context());
  ASSERT_TRUE(user);
  EXPECT_EQ(user->phone, "+32470123456");
  FormContext nl = Context();
  nl.default_region = "NL";
  f.phone = "06 12345678";
  user = ValidateInviteForm(f, nl);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->phone, "+31612345678");
}

TEST(InviteForm, R1_InvalidPhoneIsRefused) {
  InviteForm f = ValidForm();
  for (const char* bad : {"0470 12 34", "hello", "+32 470 12 34 56 78 90"}) {
    f.phone = bad;
    EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"phone", "invalid"}})) << bad;
  }
}

TEST(InviteForm, R1_EmailOrPhoneRequired) {
  InviteForm f = ValidForm();
  f.email = "  ";
  f.phone = "";
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"email", "email_or_phone_required"}}));
  f.phone = "+32470123456";
  EXPECT_THAT(ErrorsOf(f), IsEmpty());
}

TEST(InviteForm, R1_JobPositionOptionalAtMost100) {
  InviteForm f = ValidForm();
  f.job_position = "  ";
  auto user = ValidateInviteForm(f, Context());
  ASSERT_TRUE(user);
  EXPECT_FALSE(user->job_position.has_value());
  f.job_position = std::string(100, 'j');
  EXPECT_THAT(ErrorsOf(f), IsEmpty());
  f.job_position = std::string(101, 'j');
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"job_position", "too_long"}}));
}

TEST(InviteForm, R1_ExternalIdAtMost64AndUnique) {
  InviteForm f = ValidForm();
  f.external_id = std::string(64, 'x');
  EXPECT_THAT(ErrorsOf(f), IsEmpty());
  f.external_id = std::string(65, 'x');
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"external_id", "too_long"}}));
  FormContext ctx = Context();
  ctx.external_id_taken = true;
  f.external_id = "E-1";
  EXPECT_THAT(ErrorsOf(f, ctx), HasFieldErrors({{"external_id", "taken"}}));
}

TEST(InviteForm, R1_RoleDefaultsToUser) {
  InviteForm f = ValidForm();
  f.role.reset();
  EXPECT_EQ(ValidateInviteForm(f, Context())->role, directory::Role::kUser);
  f.role = "Manager";
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"role", "invalid"}}));
}

TEST(InviteForm, R1_R13_ManagerRequiresAStore) {
  InviteForm f = ValidForm();
  f.role = "manager";
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"store_ids", "manager_requires_store"}}));
  f.store_ids = {"s1"};
  EXPECT_THAT(ErrorsOf(f), IsEmpty());
  f.role = "user";
  f.store_ids = {};
  EXPECT_THAT(ErrorsOf(f), IsEmpty());  // a plain user needs no store
}

TEST(InviteForm, R1_StoresAndGroupsMustBeTheCompanys) {
  InviteForm f = ValidForm();
  f.store_ids = {"s1", "other-company-store"};
  f.user_group_ids = {"g1", "other-company-group"};
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"store_ids", "unknown_store"},
                                           {"user_group_ids", "unknown_group"}}));
}

TEST(InviteForm, R1_AgreementMustBeAccepted) {
  InviteForm f = ValidForm();
  f.agreement_accepted = false;
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"agreement_accepted", "agreement_required"}}));
}

TEST(InviteForm, R1_LanguageRequiredAndSupported) {
  InviteForm f = ValidForm();
  for (const char* code : {"en", "nl", "fr", "de", "es", "it", "pt", "pl"}) {
    f.language = code;
    EXPECT_THAT(ErrorsOf(f), IsEmpty()) << code;
  }
  f.language.reset();
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"language", "unsupported_language"}}));
  f.language = "NL";
  EXPECT_THAT(ErrorsOf(f), HasFieldErrors({{"language", "unsupported_language"}}));
}

// --- R2: channel -----------------------------------------------------------------------

TEST(Channel, R2_EmailTakesPrecedenceOverPhone) {
  directory::User u;
  u.email = "ana@example.com";
  u.phone = "+32470123456";
  EXPECT_EQ(ChooseChannel(u), Channel::kEmail);
  EXPECT_EQ(Recipient(u, Channel::kEmail), "ana@example.com");
  u.email.reset();
  EXPECT_EQ(ChooseChannel(u), Channel::kSms);
  EXPECT_EQ(Recipient(u, Channel::kSms), "+32470123456");
}

// --- R4, R5: expiry and markers ------------------------------------------------------

TEST(Expiry, R4_ExpiresAtIsInvitationTimePlusValidity) {
  EXPECT_EQ(ExpiresAt(kT0, 60), kT0 + 60 * kDay);
  EXPECT_EQ(ExpiresAt(kT0, 7), kT0 + 7 * kDay);
}

TEST(Marker, R5_Boundaries) {
  const Time exp = kT0 + 60 * kDay;
  EXPECT_EQ(MarkerAt(exp, exp - 7 * kDay - Seconds{1}), Marker::kNone);
  EXPECT_EQ(MarkerAt(exp, exp - 7 * kDay), Marker::kYellow);  // exactly 7 days left
  EXPECT_EQ(MarkerAt(exp, exp - 3 * kDay - Seconds{1}), Marker::kYellow);
  EXPECT_EQ(MarkerAt(exp, exp - 3 * kDay), Marker::kRed);  // exactly 3 days left
  EXPECT_EQ(MarkerAt(exp, exp - Seconds{1}), Marker::kRed);
  EXPECT_EQ(MarkerAt(exp, kT0), Marker::kNone);
}

TEST(Marker, R5_DaysLeftRoundsUp) {
  const Time exp = kT0 + 60 * kDay;
  EXPECT_EQ(DaysLeft(exp, kT0), 60);
  EXPECT_EQ(DaysLeft(exp, kT0 + Seconds{1}), 60);
  EXPECT_EQ(DaysLeft(exp, exp - 2 * kDay), 2);
  EXPECT_EQ(DaysLeft(exp, exp - 2 * kDay + Seconds{1}), 2);
  EXPECT_EQ(DaysLeft(exp, exp - 2 * kDay - Seconds{1}), 3);
  EXPECT_EQ(DaysLeft(exp, exp - Seconds{1}), 1);
  EXPECT_EQ(DaysLeft(exp, exp), 0);
  EXPECT_EQ(DaysLeft(exp, exp + kDay), 0);
}

TEST(Marker, R5_ExpiryRangesMatchMarkers) {
  for (Marker m : {Marker::kNone, Marker::kYellow, Marker::kRed}) {
    const ExpiryRange r = ExpiryRangeOf(m, kT0);
    for (int hours = 0; hours < 24 * 10; ++hours) {
      const Time exp = kT0 + hours * kHour;
      const bool in = (!r.after || exp > *r.after) && (!r.at_or_before || exp <= *r.at_or_before);
      EXPECT_EQ(in, MarkerAt(exp, kT0) == m) << ToString(m) << " " << hours;
    }
  }
}

// --- R6: resend ----------------------------------------------------------------------

Invitation PendingAt(Time invited_at) {
  Invitation inv;
  inv.invited_at = invited_at;
  inv.expires_at = ExpiresAt(invited_at, 60);
  inv.last_message_at = invited_at;
  return inv;
}

TEST(Resend, R6_NeverResentIsAvailableAtOnce) {
  const Invitation inv = PendingAt(kT0);
  EXPECT_TRUE(CanResend(inv, kT0));
  EXPECT_EQ(ResendAvailableAt(inv, kT0 + kHour), kT0 + kHour);
}

TEST(Resend, R6_CooldownIs24HoursToTheSecond) {
  Invitation inv = PendingAt(kT0);
  inv.last_resend_at = kT0 + kDay;
  EXPECT_FALSE(CanResend(inv, kT0 + 2 * kDay - Seconds{1}));
  EXPECT_EQ(ResendAvailableAt(inv, kT0 + kDay + kHour), kT0 + 2 * kDay);
  EXPECT_TRUE(CanResend(inv, kT0 + 2 * kDay));
  EXPECT_EQ(ResendAvailableAt(inv, kT0 + 3 * kDay), kT0 + 3 * kDay);
}

// --- R7: reminders -------------------------------------------------------------------

const std::vector<int> kDays = {3, 10, 20, 30, 45, 53, 57};

TEST(Reminder, R7_NothingBeforeTheFirstSlot) {
  const Invitation inv = PendingAt(kT0);
  EXPECT_FALSE(DecideReminder(inv, kDays, kT0 + 3 * kDay - Seconds{1}));
  EXPECT_EQ(NextReminderAt(kDays, kT0, -1, inv.expires_at), kT0 + 3 * kDay);
}

TEST(Reminder, R7_EachSlotFallsDueOnItsDay) {
  Invitation inv = PendingAt(kT0);
  for (int slot = 0; slot < 7; ++slot) {
    const Time due = kT0 + kDays[slot] * kDay;
    EXPECT_FALSE(DecideReminder(inv, kDays, due - Seconds{1})) << slot;
    auto d = DecideReminder(inv, kDays, due);
    ASSERT_TRUE(d) << slot;
    EXPECT_EQ(d->slot, slot);
    EXPECT_TRUE(d->send);
    EXPECT_EQ(d->days_left, 60 - kDays[slot]);
    if (slot < 6) {
      EXPECT_EQ(d->next_reminder_at, kT0 + kDays[slot + 1] * kDay);
    } else {
      EXPECT_FALSE(d->next_reminder_at);
    }
    inv.reminder_slot = slot;  // handled: never again
    inv.last_message_at = due;
    EXPECT_FALSE(DecideReminder(inv, kDays, due + kHour)) << slot;
  }
}

TEST(Reminder, R7_YellowAndRedSlotsSayTheDaysLeft) {
  Invitation inv = PendingAt(kT0);
  inv.reminder_slot = 4;
  auto d = DecideReminder(inv, kDays, kT0 + 53 * kDay);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->days_left, 7);
  EXPECT_EQ(MarkerAt(inv.expires_at, kT0 + 53 * kDay), Marker::kYellow);
  inv.reminder_slot = 5;
  d = DecideReminder(inv, kDays, kT0 + 57 * kDay);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->days_left, 3);
  EXPECT_EQ(MarkerAt(inv.expires_at, kT0 + 57 * kDay), Marker::kRed);
}

TEST(Reminder, R7_AfterDowntimeOnlyTheLatestMissedSlot) {
  const Invitation inv = PendingAt(kT0);
  auto d = DecideReminder(inv, kDays, kT0 + 31 * kDay);  // slots 3, 10, 20, 30 all missed
  ASSERT_TRUE(d);
  EXPECT_EQ(d->slot, 3);
  EXPECT_TRUE(d->send);
  EXPECT_EQ(d->next_reminder_at, kT0 + 45 * kDay);
}

TEST(Reminder, R7_SkippedWithin24HoursAfterAnotherMessage) {
  Invitation inv = PendingAt(kT0);
  inv.last_message_at = kT0 + 9 * kDay + Seconds{1};  // a resend 23:59:59 before day 10
  inv.reminder_slot = 0;
  auto d = DecideReminder(inv, kDays, kT0 + 10 * kDay);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->slot, 1);
  EXPECT_FALSE(d->send);                 // handled, not sent
  inv.last_message_at = kT0 + 9 * kDay;  // exactly 24 h before: sent
  d = DecideReminder(inv, kDays, kT0 + 10 * kDay);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->send);
}

TEST(Reminder, R7_SkippedWhenAMessageWentOutSinceItFellDue) {
  Invitation inv = PendingAt(kT0);
  inv.reminder_slot = 0;
  inv.last_message_at = kT0 + 10 * kDay + kHour;  // resent after day 10, before the worker ran
  auto d = DecideReminder(inv, kDays, kT0 + 10 * kDay + 2 * kHour);
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->send);
}

TEST(Reminder, R7_StopsWhenNotPendingOrExpired) {
  Invitation inv = PendingAt(kT0);
  inv.status = InvitationStatus::kAccepted;
  EXPECT_FALSE(DecideReminder(inv, kDays, kT0 + 3 * kDay));
  inv.status = InvitationStatus::kRevoked;
  EXPECT_FALSE(DecideReminder(inv, kDays, kT0 + 3 * kDay));
  inv.status = InvitationStatus::kPending;
  EXPECT_FALSE(DecideReminder(inv, kDays, inv.expires_at));
}

TEST(Reminder, R7_SlotsAtOrAfterExpiryNeverFallDue) {
  Invitation inv = PendingAt(kT0);
  inv.expires_at = ExpiresAt(kT0, 30);  // a company with 30 days validity
  EXPECT_EQ(NextReminderAt(kDays, kT0, 2, inv.expires_at), std::nullopt);  // day 30 = expiry
  inv.reminder_slot = 2;
  EXPECT_FALSE(DecideReminder(inv, kDays, inv.expires_at - Seconds{1}));
}

// --- R8: expiry ------------------------------------------------------------------------

TEST(Expiry, R8_ExpiredOnceExpiresAtIsReached) {
  Invitation inv = PendingAt(kT0);
  EXPECT_FALSE(IsExpired(inv, inv.expires_at - Seconds{1}));
  EXPECT_TRUE(IsExpired(inv, inv.expires_at));
  inv.status = InvitationStatus::kAccepted;
  EXPECT_FALSE(IsExpired(inv, inv.expires_at + kDay));
}

// --- R13: onboarding -----------------------------------------------------------------

TEST(Onboarding, R13_LanguageFirstThenManagerNeedsAStore) {
  directory::User u;
  u.role = directory::Role::kManager;
  EXPECT_EQ(OnboardingOf(u), Onboarding::kSelectLanguage);
  u.language_confirmed = true;
  EXPECT_EQ(OnboardingOf(u), Onboarding::kBlockedNoStore);
  EXPECT_STREQ(ToString(OnboardingOf(u)), "blocked_no_store");
  u.store_ids = {"s1"};
  EXPECT_EQ(OnboardingOf(u), Onboarding::kReady);
  u.role = directory::Role::kUser;
  u.store_ids = {};
  EXPECT_EQ(OnboardingOf(u), Onboarding::kReady);
}

TEST(Onboarding, R13_CheckManagerHasStore) {
  EXPECT_TRUE(directory::CheckManagerHasStore(directory::Role::kManager, {"s1"}));
  EXPECT_TRUE(directory::CheckManagerHasStore(directory::Role::kUser, {}));
  auto r = directory::CheckManagerHasStore(directory::Role::kManager, {});
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().fields, ElementsAre(FieldError{"store_ids", "manager_requires_store"}));
}

// --- R14: edit ---------------------------------------------------------------------------

TEST(Edit, R14_PatchKeepsAbsentFieldsAndClearsNulls) {
  directory::User u;
  u.first_name = "Ana";
  u.last_name = "Peeters";
  u.email = "ana@example.com";
  u.phone = "+32470123456";
  u.job_position = "Sales";
  u.role = directory::Role::kManager;
  u.store_ids = {"s1"};
  u.user_group_ids = {"g1"};
  u.language = "nl";
  InvitationPatch p;
  p.last_name = "Janssens";
  p.job_position = std::optional<std::string>();  // cleared
  const InviteForm f = ApplyPatch(u, p);
  EXPECT_EQ(f.first_name, "Ana");
  EXPECT_EQ(f.last_name, "Janssens");
  EXPECT_EQ(f.email, "ana@example.com");
  EXPECT_FALSE(f.job_position);
  EXPECT_EQ(f.role, "manager");
  EXPECT_TRUE(f.agreement_accepted);
  EXPECT_EQ(f.language, "nl");
}

TEST(Edit, R14_ContactChangeIsEmailOrPhone) {
  directory::User a;
  a.email = "ana@example.com";
  directory::User b = a;
  b.first_name = "Other";
  EXPECT_FALSE(ContactChanged(a, b));
  b.email = "ana@example.org";
  EXPECT_TRUE(ContactChanged(a, b));
  b = a;
  b.phone = "+32470123456";
  EXPECT_TRUE(ContactChanged(a, b));
}

TEST(SortOrder, R5_EveryNameParsesBackToItsOrder) {
  for (SortOrder o : kSortOrders) EXPECT_EQ(ParseSortOrder(ToString(o)), o) << ToString(o);
  EXPECT_EQ(ParseSortOrder("-expires_at"), SortOrder::kExpiresAtDesc);
  EXPECT_EQ(ParseSortOrder("last_name"), SortOrder::kLastName);
  for (const char* other : {"", "-last_name", "expires", "EXPIRES_AT", " expires_at"}) {
    EXPECT_EQ(ParseSortOrder(other), std::nullopt) << other;
  }
}

}  // namespace
}  // namespace usher::invitation
