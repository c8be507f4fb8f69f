#include "usher/storage/sql/invitation_rows.h"

#include "usher/storage/sql/errors.h"

namespace usher::storage::sql {

using invitation::Invitation;

namespace {

constexpr char kInvitationColumns[] =
    "i.id, i.company_id, i.status, i.channel, i.invited_at, i.expires_at, i.invited_by, "
    "i.agreement_version, i.agreement_accepted_at, i.last_sent_at, i.last_message_at, "
    "i.last_resend_at, i.resend_count, i.reminder_slot, i.next_reminder_at, "
    "i.reminders_sent, i.delivery";

invitation::InvitationStatus ParseStatus(const std::string& s) {
  if (s == "pending") return invitation::InvitationStatus::kPending;
  if (s == "accepted") return invitation::InvitationStatus::kAccepted;
  throw CorruptRow();
}

invitation::Channel ParseChannel(const std::string& s) {
  if (s == "email") return invitation::Channel::kEmail;
  if (s == "sms") return invitation::Channel::kSms;
  throw CorruptRow();
}

// Buffers for one row of kInvitationColumns followed by kUserColumns.
struct InvitationRow {
  std::string id, company_id, status, channel, invited_by, delivery;
  long long invited_at = 0, expires_at = 0, agreement_accepted_at = 0;
  int agreement_version = 0, resend_count = 0, reminder_slot = -1, reminders_sent = 0;
  Nullable<long long> last_sent_at, last_message_at, last_resend_at, next_reminder_at;
  UserRow user;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(company_id));
    st.exchange(soci::into(status));
    st.exchange(soci::into(channel));
    st.exchange(soci::into(invited_at));
    st.exchange(soci::into(expires_at));
    st.exchange(soci::into(invited_by));
    st.exchange(soci::into(agreement_version));
    st.exchange(soci::into(agreement_accepted_at));
    st.exchange(Into(last_sent_at));
    st.exchange(Into(last_message_at));
    st.exchange(Into(last_resend_at));
    st.exchange(soci::into(resend_count));
    st.exchange(soci::into(reminder_slot));
    st.exchange(Into(next_reminder_at));
    st.exchange(soci::into(reminders_sent));
    st.exchange(soci::into(delivery));
    user.Bind(st);
  }

  Invitation ToInvitation() const {
    Invitation inv;
    inv.id = id;
    inv.company_id = company_id;
    inv.user = user.ToUser();
    inv.status = ParseStatus(status);
    inv.channel = ParseChannel(channel);
    inv.invited_at = FromUnix(invited_at);
    inv.expires_at = FromUnix(expires_at);
    inv.invited_by = invited_by;
    inv.agreement_version = agreement_version;
    inv.agreement_accepted_at = FromUnix(agreement_accepted_at);
    inv.last_sent_at = ToTime(last_sent_at);
    inv.last_message_at = ToTime(last_message_at);
    inv.last_resend_at = ToTime(last_resend_at);
    inv.resend_count = resend_count;
    inv.reminder_slot = reminder_slot;
    inv.next_reminder_at = ToTime(next_reminder_at);
    inv.reminders_sent = reminders_sent;
    const auto parsed_delivery = invitation::ParseDelivery(delivery);
    if (!parsed_delivery) throw CorruptRow();
    inv.delivery = *parsed_delivery;
    return inv;
  }
};

const char* StatColumn(DailyStat stat) {
  switch (stat) {
    case DailyStat::kInvited:
      return "invited";
    case DailyStat::kAccepted:
      return "accepted";
    case DailyStat::kRevoked:
      return "revoked";
    case DailyStat::kErased:
      return "erased";
  }
  return "erased";
}

}  // namespace

std::vector<Invitation> SelectInvitations(soci::session& sql, const std::string& tail,
                                          const std::function<void(soci::statement&)>& bind,
                                          const std::string& from) {
  InvitationRow row;
  soci::statement st(sql);
  row.Bind(st);
  bind(st);
  Prepare(st,
          std::string("SELECT ") + kInvitationColumns + ", " + kUserColumns + " " + from + tail);
  st.execute();
  std::vector<Invitation> out;
  while (st.fetch()) out.push_back(row.ToInvitation());
  std::vector<directory::User*> users;
  for (Invitation& inv : out) users.push_back(&inv.user);
  LoadLinks(sql, users);
  return out;
}

void InsertInvitation(soci::session& sql, const Invitation& inv, Time queued_at) {
  const std::string channel = invitation::ToString(inv.channel);
  const long long invited_at = ToUnix(inv.invited_at);
  const long long expires_at = ToUnix(inv.expires_at);
  const long long agreement_accepted_at = ToUnix(inv.agreement_accepted_at);
  Nullable<long long> last_sent_at = NullableTime(inv.last_sent_at);
  Nullable<long long> last_message_at = NullableTime(inv.last_message_at.value_or(queued_at));
  Nullable<long long> last_resend_at = NullableTime(inv.last_resend_at);
  Nullable<long long> next_reminder_at = NullableTime(inv.next_reminder_at);
  soci::statement st(sql);
  st.exchange(soci::use(inv.id, "id"));
  st.exchange(soci::use(inv.company_id, "company_id"));
  st.exchange(soci::use(inv.user.id, "user_id"));
  st.exchange(soci::use(channel, "channel"));
  st.exchange(soci::use(invited_at, "invited_at"));
  st.exchange(soci::use(expires_at, "expires_at"));
  st.exchange(soci::use(inv.invited_by, "invited_by"));
  st.exchange(soci::use(inv.agreement_version, "agreement_version"));
  st.exchange(soci::use(agreement_accepted_at, "agreement_accepted_at"));
  st.exchange(Use(last_sent_at, "last_sent_at"));
  st.exchange(Use(last_message_at, "last_message_at"));
  st.exchange(Use(last_resend_at, "last_resend_at"));
  st.exchange(soci::use(inv.resend_count, "resend_count"));
  st.exchange(soci::use(inv.reminder_slot, "reminder_slot"));
  st.exchange(Use(next_reminder_at, "next_reminder_at"));
  st.exchange(soci::use(inv.reminders_sent, "reminders_sent"));
  ExecuteAndCount(
      st,
      "INSERT INTO invitations (id, company_id, user_id, status, channel, invited_at, "
      "expires_at, invited_by, agreement_version, agreement_accepted_at, last_sent_at, "
      "last_message_at, last_resend_at, resend_count, reminder_slot, next_reminder_at, "
      "reminders_sent, delivery) VALUES (:id, :company_id, :user_id, 'pending', :channel, "
      ":invited_at, :expires_at, :invited_by, :agreement_version, :agreement_accepted_at, "
      ":last_sent_at, :last_message_at, :last_resend_at, :resend_count, :reminder_slot, "
      ":next_reminder_at, :reminders_sent, 'queued')");
}

void QueueMessage(soci::session& sql, const std::string& company_id,
                  const std::string& invitation_id, const invitation::NewMessage& m) {
  const std::string kind = invitation::ToString(m.kind);
  const std::string channel = invitation::ToString(m.channel);
  const long long created_at = ToUnix(m.created_at);
  sql << "INSERT INTO outbox_messages (id, company_id, invitation_id, kind, channel, "
         "recipient, language, reminder_slot, status, attempts, next_attempt_at, created_at) "
         "VALUES (:id, :company_id, :invitation_id, :kind, :channel, :recipient, :language, "
         ":reminder_slot, 'queued', 0, :created_at, :created_at)",
      soci::use(m.id, "id"), soci::use(company_id, "company_id"),
      soci::use(invitation_id, "invitation_id"), soci::use(kind, "kind"),
      soci::use(channel, "channel"), soci::use(m.recipient, "recipient"),
      soci::use(m.language, "language"), soci::use(m.reminder_slot, "reminder_slot"),
      soci::use(created_at, "created_at");
  sql << "UPDATE invitations SET delivery = 'queued' WHERE id = :id",
      soci::use(invitation_id, "id");
}

void InsertAudit(soci::session& sql, const invitation::AuditEntry& a) {
  const long long at = ToUnix(a.at);
  Nullable<std::string> invitation_id(
      a.invitation_id.empty() ? std::nullopt : std::optional<std::string>(a.invitation_id));
  sql << "INSERT INTO audit_log (at, company_id, actor_type, actor_id, action, invitation_id) "
         "VALUES (:at, :company_id, :actor_type, :actor_id, :action, :invitation_id)",
      soci::use(at, "at"), soci::use(a.company_id, "company_id"),
      soci::use(a.actor_type, "actor_type"), soci::use(a.actor_id, "actor_id"),
      soci::use(a.action, "action"), Use(invitation_id, "invitation_id");
}

void AddDailyStat(soci::session& sql, const std::string& company_id, const std::string& day,
                  DailyStat stat, long long n) {
  const std::string column = StatColumn(stat);
  sql << "INSERT INTO daily_stats (company_id, day, " + column +
             ") VALUES (:company_id, :day, :n) ON CONFLICT (company_id, day) DO UPDATE SET " +
             column + " = daily_stats." + column + " + excluded." + column,
      soci::use(company_id, "company_id"), soci::use(day, "day"), soci::use(n, "n");
}

std::optional<std::string> PendingUserId(soci::session& sql, const std::string& id,
                                         const std::optional<std::string>& company_id) {
  std::string user_id, owner;
  sql << "SELECT user_id, company_id FROM invitations WHERE id = :id AND status = 'pending'",
      soci::use(id, "id"), soci::into(user_id), soci::into(owner);
  if (!sql.got_data() || (company_id && *company_id != owner)) return std::nullopt;
  return user_id;
}

Eraser::Eraser(soci::session& sql) {
  const char* by_invitation[] = {
      "DELETE FROM outbox_attempts WHERE message_id IN "
      "(SELECT id FROM outbox_messages WHERE invitation_id = :id)",
      "DELETE FROM outbox_messages WHERE invitation_id = :id",
      "DELETE FROM invitation_tokens WHERE invitation_id = :id",
      "DELETE FROM invitations WHERE id = :id",
  };
  const char* by_user[] = {
      "DELETE FROM user_stores WHERE user_id = :id",
      "DELETE FROM user_user_groups WHERE user_id = :id",
      "DELETE FROM users WHERE id = :id",
  };
  for (const char* query : by_invitation) {
    statements_.push_back((sql.prepare << query, soci::use(invitation_id_, "id")));
  }
  for (const char* query : by_user) {
    statements_.push_back((sql.prepare << query, soci::use(user_id_, "id")));
  }
}

void Eraser::Erase(const std::string& invitation_id, const std::string& user_id) {
  invitation_id_ = invitation_id;
  user_id_ = user_id;
  for (soci::statement& st : statements_) st.execute(true);
}

}  // namespace usher::storage::sql
