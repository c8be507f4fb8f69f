#include "usher/api/views.h"

#include "usher/invitation/rules.h"

namespace usher::api {

using nlohmann::json;

json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(); }
json TimeOrNull(const std::optional<Time>& t) { return t ? json(FormatRfc3339(*t)) : json(); }

namespace {

// The fields an invitation and a user share.
json PersonJson(const directory::User& u) {
  return {{"first_name", u.first_name},
          {"last_name", u.last_name},
          {"email", OrNull(u.email)},
          {"phone", OrNull(u.phone)},
          {"job_position", OrNull(u.job_position)},
          {"external_id", OrNull(u.external_id)},
          {"role", directory::ToString(u.role)},
          {"store_ids", u.store_ids},
          {"user_group_ids", u.user_group_ids},
          {"language", u.language}};
}

}  // namespace

json InvitationJson(const invitation::Invitation& inv, Time now) {
  json j = PersonJson(inv.user);
  j.update({{"id", inv.id},
            {"user_id", inv.user.id},
            {"status", invitation::ToString(inv.status)},
            {"channel", invitation::ToString(inv.channel)},
            {"invited_at", FormatRfc3339(inv.invited_at)},
            {"expires_at", FormatRfc3339(inv.expires_at)},
            {"days_left", invitation::DaysLeft(inv.expires_at, now)},
            {"marker", invitation::ToString(invitation::MarkerAt(inv.expires_at, now))},
            {"last_sent_at", TimeOrNull(inv.last_sent_at)},
            {"resend_count", inv.resend_count},
            {"resend_available_at", FormatRfc3339(invitation::ResendAvailableAt(inv, now))},
            {"reminders_sent", inv.reminders_sent},
            {"delivery", invitation::ToString(inv.delivery)}});
  return j;
}

json StoreJson(const directory::Store& s) {
  return {{"id", s.id}, {"name", s.name}, {"code", OrNull(s.code)}};
}

json GroupJson(const directory::UserGroup& g) { return {{"id", g.id}, {"name", g.name}}; }

json UserJson(const directory::User& u) {
  json j = PersonJson(u);
  j.update({{"id", u.id},
            {"status", directory::ToString(u.status)},
            {"created_at", FormatRfc3339(u.created_at)},
            {"activated_at", TimeOrNull(u.activated_at)}});
  return j;
}

json CompanyJson(const company::Company& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"validity_days", c.settings.validity_days},
          {"reminder_days", c.settings.reminder_days},
          {"default_region", c.settings.default_region},
          {"timezone", c.settings.timezone},
          {"default_language", c.settings.default_language}};
}

json AdminJson(const company::Admin& a) {
  return {{"id", a.id}, {"email", a.email}, {"company_id", a.company_id}, {"language", a.language}};
}

}  // namespace usher::api
