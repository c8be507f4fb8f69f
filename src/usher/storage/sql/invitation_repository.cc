// Create, Get and ListPending of SqlInvitationRepository.
#include "usher/storage/sql/invitation_repository.h"

#include <algorithm>

#include "usher/storage/sql/errors.h"
#include "usher/storage/sql/invitation_rows.h"
#include "usher/storage/sql/sql_util.h"
#include "usher/storage/sql/user_rows.h"

namespace usher::storage::sql {

using directory::Page;
using invitation::AuditEntry;
using invitation::Invitation;
using invitation::ListQuery;
using invitation::NewMessage;
using invitation::SortOrder;

namespace {

Error NotFound() { return Error{ErrorKind::kNotFound, "not_found", "No such invitation.", {}, {}}; }

// How ListPending sorts: the sort key column, its direction, and the cursor's order name.
struct Sort {
  const char* order;
  const char* column;
  bool descending;
  bool text_key;
};

Sort SortFor(SortOrder order) {
  switch (order) {
    case SortOrder::kExpiresAt:
      return {"expires_at", "i.expires_at", false, false};
    case SortOrder::kExpiresAtDesc:
      return {"expires_at_desc", "i.expires_at", true, false};
    case SortOrder::kInvitedAt:
      return {"invited_at", "i.invited_at", false, false};
    case SortOrder::kInvitedAtDesc:
      return {"invited_at_desc", "i.invited_at", true, false};
    case SortOrder::kLastName:
      return {"last_name", "u.sort_name", false, true};
  }
  return {"expires_at", "i.expires_at", false, false};
}

std::string SortKey(const Sort& sort, const Invitation& inv) {
  if (sort.text_key) return SortName(inv.user);
  const Time t = std::string(sort.column) == "i.invited_at" ? inv.invited_at : inv.expires_at;
  return std::to_string(ToUnix(t));
}

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
  QueueMessage(sql, inv.company_id, inv.id, message);
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
    auto results = db_.Write([&](soci::session& sql) -> Result<std::vector<Status>> {
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

Result<Page<Invitation>> SqlInvitationRepository::ListPending(const std::string& company_id,
                                                              const ListQuery& query) {
  const Sort sort = SortFor(query.sort);
  std::optional<Cursor> cursor;
  std::optional<long long> numeric_key;
  if (!query.cursor.empty()) {
    cursor = DecodeCursor(query.cursor);
    if (!cursor || cursor->order != sort.order) return Fail(InvalidCursor());
    if (!sort.text_key) {
      numeric_key = ParseInteger(cursor->key);
      if (!numeric_key) return Fail(InvalidCursor());
    }
  }
  const long long limit = std::clamp(query.limit, 1, 200);
  const Nullable<long long> expires_after = NullableTime(query.expires_after);
  const Nullable<long long> expires_before = NullableTime(query.expires_at_or_before);
  const std::string role = query.role ? directory::ToString(*query.role) : "";
  const std::string search = SearchKey(query.q);

  std::string where = "WHERE i.company_id = :company_id AND i.status = 'pending'";
  if (query.expires_after) where += " AND i.expires_at > :expires_after";
  if (query.expires_at_or_before) where += " AND i.expires_at <= :expires_before";
  if (query.role) where += " AND u.role = :role";
  if (!query.store_id.empty()) {
    where +=
        " AND EXISTS (SELECT 1 FROM user_stores s WHERE s.user_id = u.id AND "
        "s.store_id = :store_id)";
  }
  if (!query.user_group_id.empty()) {
    where +=
        " AND EXISTS (SELECT 1 FROM user_user_groups g WHERE g.user_id = u.id AND "
        "g.group_id = :group_id)";
  }
  if (!search.empty()) where += " AND " + ContainsSql(db_.dialect(), "u.search_text", ":q");
  const auto bind_filters = [&](soci::statement& st) {
    st.exchange(soci::use(company_id, "company_id"));
    if (query.expires_after) st.exchange(soci::use(expires_after.value, "expires_after"));
    if (query.expires_at_or_before) {
      st.exchange(soci::use(expires_before.value, "expires_before"));
    }
    if (query.role) st.exchange(soci::use(role, "role"));
    if (!query.store_id.empty()) st.exchange(soci::use(query.store_id, "store_id"));
    if (!query.user_group_id.empty()) st.exchange(soci::use(query.user_group_id, "group_id"));
    if (!search.empty()) st.exchange(soci::use(search, "q"));
  };

  const std::string column = sort.column;
  const std::string direction = sort.descending ? " DESC" : "";
  std::string tail = where;
  if (cursor) {
    tail +=
        " AND (" + column + ", i.id) " + (sort.descending ? "<" : ">") + " (:after_key, :after_id)";
  }
  tail += " ORDER BY " + column + direction + ", i.id" + direction + " LIMIT :limit";
  const long long fetch = limit + 1;

  return db_.Read([&](soci::session& sql) -> Result<Page<Invitation>> {
    soci::transaction tx(sql);  // the page and its total from one snapshot
    Page<Invitation> page;
    soci::statement count(sql);
    count.exchange(soci::into(page.total));
    bind_filters(count);
    Prepare(count, "SELECT COUNT(*) FROM invitations i JOIN users u ON u.id = i.user_id " + where);
    count.execute(true);

    page.items = SelectInvitations(sql, tail, [&](soci::statement& st) {
      bind_filters(st);
      if (cursor && numeric_key) st.exchange(soci::use(*numeric_key, "after_key"));
      if (cursor && !numeric_key) st.exchange(soci::use(cursor->key, "after_key"));
      if (cursor) st.exchange(soci::use(cursor->id, "after_id"));
      st.exchange(soci::use(fetch, "limit"));
    });
    if (static_cast<long long>(page.items.size()) > limit) {
      page.items.pop_back();
      const Invitation& last = page.items.back();
      page.next_cursor = EncodeCursor({sort.order, SortKey(sort, last), last.id});
    }
    return page;
  });
}

}  // namespace usher::storage::sql
