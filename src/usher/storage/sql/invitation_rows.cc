#include "usher/storage/sql/invitation_rows.h"

#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/statement_cache.h"

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

namespace {

struct InvitationValues {
  std::string id, company_id, user_id, channel, invited_by;
  long long invited_at = 0, expires_at = 0, agreement_accepted_at = 0;
  int agreement_version = 0, resend_count = 0, reminder_slot = 0, reminders_sent = 0;
  Nullable<long long> last_sent_at, last_message_at, last_resend_at, next_reminder_at;
  void Set(const Invitation& inv, Time queued_at) {
    id = inv.id;
    company_id = inv.company_id;
    user_id = inv.user.id;
    channel = invitation::ToString(inv.channel);
    invited_by = inv.invited_by;
    invited_at = ToUnix(inv.invited_at);
    expires_at = ToUnix(inv.expires_at);
    agreement_accepted_at = ToUnix(inv.agreement_accepted_at);
    agreement_version = inv.agreement_version;
    resend_count = inv.resend_count;
    reminder_slot = inv.reminder_slot;
    reminders_sent = inv.reminders_sent;
    last_sent_at = NullableTime(inv.last_sent_at);
    last_message_at = NullableTime(inv.last_message_at.value_or(queued_at));
    last_resend_at = NullableTime(inv.last_resend_at);
    next_reminder_at = NullableTime(inv.next_reminder_at);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(company_id, "company_id"));
    st.exchange(soci::use(user_id, "user_id"));
    st.exchange(soci::use(channel, "channel"));
    st.exchange(soci::use(invited_at, "invited_at"));
    st.exchange(soci::use(expires_at, "expires_at"));
    st.exchange(soci::use(invited_by, "invited_by"));
    st.exchange(soci::use(agreement_version, "agreement_version"));
    st.exchange(soci::use(agreement_accepted_at, "agreement_accepted_at"));
    st.exchange(Use(last_sent_at, "last_sent_at"));
    st.exchange(Use(last_message_at, "last_message_at"));
    st.exchange(Use(last_resend_at, "last_resend_at"));
    st.exchange(soci::use(resend_count, "resend_count"));
    st.exchange(soci::use(reminder_slot, "reminder_slot"));
    st.exchange(Use(next_reminder_at, "next_reminder_at"));
    st.exchange(soci::use(reminders_sent, "reminders_sent"));
  }
};

struct MessageValues {
  std::string id, company_id, invitation_id, kind, channel, recipient, language;
  int reminder_slot = 0;
  long long created_at = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(company_id, "company_id"));
    st.exchange(soci::use(invitation_id, "invitation_id"));
    st.exchange(soci::use(kind, "kind"));
    st.exchange(soci::use(channel, "channel"));
    st.exchange(soci::use(recipient, "recipient"));
    st.exchange(soci::use(language, "language"));
    st.exchange(soci::use(reminder_slot, "reminder_slot"));
    st.exchange(soci::use(created_at, "created_at"));
  }
};

struct AuditValues {
  long long at = 0;
  std::string company_id, actor_type, actor_id, action;
  Nullable<std::string> invitation_id;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(at, "at"));
    st.exchange(soci::use(company_id, "company_id"));
    st.exchange(soci::use(actor_type, "actor_type"));
    st.exchange(soci::use(actor_id, "actor_id"));
    st.exchange(soci::use(action, "action"));
    st.exchange(Use(invitation_id, "invitation_id"));
  }
};

struct StatValues {
  std::string company_id, day;
  long long n = 0;
  void Bind(soci::statement& st) {
    st.exchange(soci::use(company_id, "company_id"));
    st.exchange(soci::use(day, "day"));
    st.exchange(soci::use(n, "n"));
  }
};

}  // namespace

void InsertInvitation(soci::session& sql, const Invitation& inv, Time queued_at) {
  Reused<InvitationValues> st(
      sql,
      "INSERT INTO invitations (id, company_id, user_id, status, channel, invited_at, "
      "expires_at, invited_by, agreement_version, agreement_accepted_at, last_sent_at, "
      "last_message_at, last_resend_at, resend_count, reminder_slot, next_reminder_at, "
      "reminders_sent, delivery) VALUES (:id, :company_id, :user_id, 'pending', :channel, "
      ":invited_at, :expires_at, :invited_by, :agreement_version, :agreement_accepted_at, "
      ":last_sent_at, :last_message_at, :last_resend_at, :resend_count, :reminder_slot, "
      ":next_reminder_at, :reminders_sent, 'queued')");
  st->Set(inv, queued_at);
  st.Execute();
}

void InsertMessage(soci::session& sql, const std::string& company_id,
                   const std::string& invitation_id, const invitation::NewMessage& m) {
  Reused<MessageValues> st(
      sql,
      "INSERT INTO outbox_messages (id, company_id, invitation_id, kind, channel, "
      "recipient, language, reminder_slot, status, attempts, next_attempt_at, created_at) "
      "VALUES (:id, :company_id, :invitation_id, :kind, :channel, :recipient, :language, "
      ":reminder_slot, 'queued', 0, :created_at, :created_at)");
  st->id = m.id;
  st->company_id = company_id;
  st->invitation_id = invitation_id;
  st->kind = invitation::ToString(m.kind);
  st->channel = invitation::ToString(m.channel);
  st->recipient = m.recipient;
  st->language = m.language;
  st->reminder_slot = m.reminder_slot;
  st->created_at = ToUnix(m.created_at);
  st.Execute();
}

void QueueMessage(soci::session& sql, const std::string& company_id,
                  const std::string& invitation_id, const invitation::NewMessage& m) {
  InsertMessage(sql, company_id, invitation_id, m);
  Reused<IdParam> st(sql, "UPDATE invitations SET delivery = 'queued' WHERE id = :id");
  st->id = invitation_id;
  st.Execute();
}

void InsertAudit(soci::session& sql, const invitation::AuditEntry& a) {
  Reused<AuditValues> st(
      sql,
      "INSERT INTO audit_log (at, company_id, actor_type, actor_id, action, invitation_id) "
      "VALUES (:at, :company_id, :actor_type, :actor_id, :action, :invitation_id)");
  st->at = ToUnix(a.at);
  st->company_id = a.company_id;
  st->actor_type = a.actor_type;
  st->actor_id = a.actor_id;
  st->action = a.action;
  st->invitation_id = Nullable<std::string>(
      a.invitation_id.empty() ? std::nullopt : std::optional<std::string>(a.invitation_id));
  st.Execute();
}

void AddDailyStat(soci::session& sql, const std::string& company_id, const std::string& day,
                  DailyStat stat, long long n) {
  const std::string column = StatColumn(stat);
  Reused<StatValues> st(sql, "INSERT INTO daily_stats (company_id, day, " + column +
                                 ") VALUES (:company_id, :day, :n) ON CONFLICT (company_id, "
                                 "day) DO UPDATE SET " +
                                 column + " = daily_stats." + column + " + excluded." + column);
  st->company_id = company_id;
  st->day = day;
  st->n = n;
  st.Execute();
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
