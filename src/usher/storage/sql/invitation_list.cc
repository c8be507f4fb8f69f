// ListPending of SqlInvitationRepository: the Invited users list (R5), its pages and totals.
#include <algorithm>

#include "usher/storage/sql/invitation_repository.h"
#include "usher/storage/sql/invitation_rows.h"
#include "usher/storage/sql/sql_util.h"
#include "usher/storage/sql/user_rows.h"

namespace usher::storage::sql {

using directory::Page;
using invitation::Invitation;
using invitation::ListQuery;
using invitation::SortOrder;

namespace {

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

// The number of the company's pending invitations expiring in an ExpiryHours range.
constexpr char kExpiryCountQuery[] =
    "SELECT CAST((SELECT COALESCE(SUM(n), 0) FROM expiry_counts WHERE company_id = :c1 "
    "AND hour >= :first_hour AND hour < :end_hour) "
    "+ (SELECT COUNT(*) FROM invitations WHERE company_id = :c2 AND status = 'pending' "
    "AND expires_at >= :lo AND expires_at < :head_end) "
    "+ (SELECT COUNT(*) FROM invitations WHERE company_id = :c3 AND status = 'pending' "
    "AND expires_at >= :tail_start AND expires_at < :hi) AS BIGINT)";
// Past any expiry: the end of a range without an upper bound.
constexpr long long kNoExpiryLimit = 1LL << 50;

// The values kExpiryCountQuery is bound to.
struct ExpiryHoursValues {
  ExpiryHours h;
  std::string c1, c2, c3;
  explicit ExpiryHoursValues(const ExpiryHours& hours) : h(hours) {}
  void Bind(soci::statement& st, const std::string& company_id) {
    c1 = c2 = c3 = company_id;
    st.exchange(soci::use(c1, "c1"));
    st.exchange(soci::use(h.first_hour, "first_hour"));
    st.exchange(soci::use(h.end_hour, "end_hour"));
    st.exchange(soci::use(c2, "c2"));
    st.exchange(soci::use(h.lo, "lo"));
    st.exchange(soci::use(h.head_end, "head_end"));
    st.exchange(soci::use(c3, "c3"));
    st.exchange(soci::use(h.tail_start, "tail_start"));
    st.exchange(soci::use(h.hi, "hi"));
  }
};

// The (kind, value) of invited_counts that is the total of `query` when it filters by
// exactly one of role, store and group (and nothing else on users); `role` is its name.
std::optional<std::pair<std::string, std::string>> KeptFacet(const ListQuery& query,
                                                             const std::string& role) {
  const int filters = (query.role ? 1 : 0) + (query.store_id.empty() ? 0 : 1) +
                      (query.user_group_id.empty() ? 0 : 1);
  if (filters != 1) return std::nullopt;
  if (query.role) return std::pair<std::string, std::string>("role", role);
  if (!query.store_id.empty()) return std::pair<std::string, std::string>("store", query.store_id);
  return std::pair<std::string, std::string>("group", query.user_group_id);
}

}  // namespace

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
  const bool user_filters =
      query.role || !query.store_id.empty() || !query.user_group_id.empty() || !search.empty();

  // Conditions on the invitation, and on its user. A user is 'invited' exactly while its
  // invitation is pending (Create, Accept and erasure change both in one transaction), so
  // the user conditions alone select the same rows through the users' own indexes.
  std::string on_invitation = "i.company_id = :company_id AND i.status = 'pending'";
  if (query.expires_after) on_invitation += " AND i.expires_at > :expires_after";
  if (query.expires_at_or_before) on_invitation += " AND i.expires_at <= :expires_before";
  std::string on_user = "u.company_id = :user_company_id AND u.status = 'invited'";
  if (query.role) on_user += " AND u.role = :role";
  if (!search.empty()) on_user += " AND " + ContainsSql(db_.dialect(), "u.search_text", ":q");
  // The page. By expiry or invitation time: walk the invitations' index in that order and
  // test each one's user until the page is full. By name, or when searching: start from
  // the users (their index by name; the few that match a search), then their invitations.
  // CROSS JOIN keeps that order in SQLite; PostgreSQL plans it from its statistics.
  const bool users_first = sort.text_key || !search.empty();
  // Store and group: as lookups of each user's links (a page tests few users; walking the
  // invitations, by the user id in the walk's index, before the user row is read), and as
  // the lists of the store's or group's users (a total reads all of them).
  const std::string link_user = users_first ? "u.id" : "i.user_id";
  std::string user_links, listed_users;
  if (!query.store_id.empty()) {
    user_links += " AND EXISTS (SELECT 1 FROM user_stores s WHERE s.user_id = " + link_user +
                  " AND s.store_id = :store_id)";
    listed_users +=
        " AND u.id IN (SELECT s.user_id FROM user_stores s WHERE s.store_id = :store_id)";
  }
  if (!query.user_group_id.empty()) {
    user_links += " AND EXISTS (SELECT 1 FROM user_user_groups g WHERE g.user_id = " + link_user +
                  " AND g.group_id = :group_id)";
    listed_users +=
        " AND u.id IN (SELECT g.user_id FROM user_user_groups g WHERE g.group_id = :group_id)";
  }
  const auto bind_filters = [&](soci::statement& st, bool invitation, bool user) {
    if (invitation) {
      st.exchange(soci::use(company_id, "company_id"));
      if (query.expires_after) st.exchange(soci::use(expires_after.value, "expires_after"));
      if (query.expires_at_or_before) {
        st.exchange(soci::use(expires_before.value, "expires_before"));
      }
    }
    if (user) st.exchange(soci::use(company_id, "user_company_id"));
    if (query.role) st.exchange(soci::use(role, "role"));
    if (!query.store_id.empty()) st.exchange(soci::use(query.store_id, "store_id"));
    if (!query.user_group_id.empty()) st.exchange(soci::use(query.user_group_id, "group_id"));
    if (!search.empty()) st.exchange(soci::use(search, "q"));
  };

  std::string from, where;
  if (users_first) {
    from = "FROM users u CROSS JOIN invitations i ";
    where = "WHERE i.user_id = u.id AND " + on_user + user_links + " AND " + on_invitation;
  } else {
    // The role is tested on the users' (id, company, status, role) index entry.
    from = "FROM invitations i CROSS JOIN users u ";
    where = "WHERE u.id = i.user_id AND " + on_invitation;
    if (query.role) {
      where += " AND u.company_id = i.company_id AND u.status = 'invited' AND u.role = :role";
    }
    where += user_links;
  }
  // The total never reads table rows: without filters it is the company's kept count of
  // pending invitations (pending_counts, see migration 0004); with one filter on role,
  // store or group, the kept count of its invited users (invited_counts, 0005; SQLite); with
  // filters on expiry only, entries of the invitations' (company, status, expiry) index;
  // with other filters on users only, entries of the users' indexes (status with role,
  // store and group links, search text); both only for combined filters.
  const bool expiry_filters = query.expires_after || query.expires_at_or_before;
  const std::optional<std::pair<std::string, std::string>> kept_facet =
      expiry_filters || !search.empty() || db_.dialect() != Dialect::kSqlite
          ? std::nullopt
          : KeptFacet(query, role);
  // Expiry only: kept counts of whole hours, index entries for the hour at each end.
  ExpiryHoursValues hours(
      SplitByHours(query.expires_after ? expires_after.value + 1 : 0,
                   query.expires_at_or_before ? expires_before.value + 1 : kNoExpiryLimit));
  std::string count_query;
  const bool count_invitations = !user_filters || expiry_filters;
  const bool count_users = user_filters;
  if (!user_filters && !expiry_filters) {
    count_query =
        "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM pending_counts "
        "WHERE company_id = :company_id";
  } else if (kept_facet) {
    count_query =
        "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM invited_counts "
        "WHERE company_id = :company_id AND kind = :kind AND value = :value";
  } else if (!count_users) {
    count_query = kExpiryCountQuery;
  } else if (!count_invitations) {
    count_query = "SELECT COUNT(*) FROM users u WHERE " + on_user + listed_users;
  } else {
    count_query = "SELECT COUNT(*) FROM invitations i JOIN users u ON u.id = i.user_id WHERE " +
                  on_invitation + " AND " + on_user + user_links;
  }

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
    const auto bind_page = [&](soci::statement& st) {
      bind_filters(st, true, users_first);
      if (cursor && numeric_key) st.exchange(soci::use(*numeric_key, "after_key"));
      if (cursor && !numeric_key) st.exchange(soci::use(cursor->key, "after_key"));
      if (cursor) st.exchange(soci::use(cursor->id, "after_id"));
      st.exchange(soci::use(fetch, "limit"));
    };
    page.items = SelectInvitations(sql, tail, bind_page, from);
    const bool last_page = static_cast<long long>(page.items.size()) <= limit;
    if (!last_page) {
      page.items.pop_back();
      const Invitation& last = page.items.back();
      page.next_cursor = EncodeCursor({sort.order, SortKey(sort, last), last.id});
    }
    if (!cursor && last_page) {
      // The first page holds every match: it is the total (a rare search costs one pass).
      page.total = static_cast<long long>(page.items.size());
    } else {
      soci::statement count(sql);
      count.exchange(soci::into(page.total));
      if (kept_facet) {
        count.exchange(soci::use(company_id, "company_id"));
        count.exchange(soci::use(kept_facet->first, "kind"));
        count.exchange(soci::use(kept_facet->second, "value"));
      } else if (!count_users && expiry_filters) {
        hours.Bind(count, company_id);
      } else {
        bind_filters(count, count_invitations, count_users);
      }
      Prepare(count, count_query);
      count.execute(true);
    }
    return page;
  });
}

}  // namespace usher::storage::sql
