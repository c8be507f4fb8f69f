// Create, CreateMany, CheckConflicts and Get of SqlInvitationRepository.
#include "usher/storage/sql/invitation_repository.h"

#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/invitation_rows.h"
#include "usher/storage/sql/sql_util.h"
#include "usher/storage/sql/user_rows.h"

namespace usher::storage::sql {

using invitation::AuditEntry;
using invitation::Invitation;
using invitation::NewMessage;

namespace {

Error NotFound() { return Error{ErrorKind::kNotFound, "not_found", "No such invitation.", {}, {}}; }

}  // namespace

namespace {

// Create's work inside the caller's transaction. On an error, what it wrote is left to the
// caller to undo.
Status CreateIn(soci::session& sql, const Invitation& inv, const NewMessage& message,
                const AuditEntry& audit) {
  directory::User user = inv.user;
  user.company_id = inv.company_id;
  user.status = directory::UserStatus::kInvited;
  user.password_hash.reset();
  user.activated_at.reset();
  // R3: checked first; the UNIQUE indexes catch what a concurrent writer slipped in.
  if (auto conflict = ContactConflict(sql, user, "")) return Fail(*conflict);
  if (auto conflict = ExternalIdConflict(sql, user, "")) return Fail(*conflict);
  if (auto conflict = GuardUserUniqueness(sql, user, [&] { InsertUser(sql, user); })) {
    return Fail(*conflict);
  }
  USHER_RETURN_IF_ERROR(
      ReplaceLinks(sql, inv.company_id, user.id, user.store_ids, user.user_group_ids));
  Invitation row = inv;
  row.user.id = user.id;
  InsertInvitation(sql, row, message.created_at);
  InsertMessage(sql, inv.company_id, inv.id, message);  // the row says delivery = 'queued'
  InsertAudit(sql, audit);
  AddDailyStat(sql, inv.company_id, FormatDay(inv.invited_at), DailyStat::kInvited, 1);
  return Ok();
}

}  // namespace

Status SqlInvitationRepository::Create(const Invitation& inv, const NewMessage& message,
                                       const AuditEntry& audit) {
  return db_.Write([&](soci::session& sql) -> Status {
    WriteTransaction tx(sql);
    USHER_RETURN_IF_ERROR(CreateIn(sql, inv, message, audit));
    tx.commit();
    return Ok();
  });
}

Result<std::vector<Status>> SqlInvitationRepository::CreateMany(
    const std::vector<invitation::NewInvitation>& batch) {
  // First without a savepoint per invitation; if one fails half-way (a store deleted
  // meanwhile, say), everything is undone and done again with them.
  for (const bool isolate : {false, true}) {
    bool partial = false;
    auto results = db_.WriteAlone([&](soci::session& sql) -> Result<std::vector<Status>> {
      WriteTransaction tx(sql);
      std::vector<Status> out;
      out.reserve(batch.size());
      try {
        for (const auto& n : batch) {
          out.push_back(Attempt(sql, isolate,
                                [&] { return CreateIn(sql, n.invitation, n.message, n.audit); }));
        }
      } catch (const PartialChange&) {
        partial = true;
        return Fail(DatabaseInternal());  // tx not committed: undone
      }
      tx.commit();
      return out;
    });
    if (!partial) return results;
  }
  return Fail(DatabaseInternal());
}

Result<std::vector<Status>> SqlInvitationRepository::CheckConflicts(
    const std::vector<directory::User>& users) {
  return db_.Read([&](soci::session& sql) -> Result<std::vector<Status>> {
    soci::transaction tx(sql);  // one snapshot for all of them
    std::vector<Status> results;
    results.reserve(users.size());
    for (const auto& u : users) {
      if (auto conflict = ContactConflict(sql, u, "")) {
        results.push_back(Fail(*conflict));
      } else if (auto taken = ExternalIdConflict(sql, u, "")) {
        results.push_back(Fail(*taken));
      } else {
        results.push_back(Ok());
      }
    }
    return results;
  });
}

Result<Invitation> SqlInvitationRepository::Get(const std::string& company_id,
                                                const std::string& id) {
  return db_.Read([&](soci::session& sql) -> Result<Invitation> {
    soci::transaction tx(sql);  // one snapshot for the invitation and its links
    auto found = SelectInvitations(sql, "WHERE i.company_id = :company_id AND i.id = :id",
                                   [&](soci::statement& st) {
                                     st.exchange(soci::use(company_id, "company_id"));
                                     st.exchange(soci::use(id, "id"));
                                   });
    if (found.empty()) return Fail(NotFound());
    return std::move(found.front());
  });
}

}  // namespace usher::storage::sql
