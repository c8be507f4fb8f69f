// The tab Invited users (R5) and what an admin does to one invitation: resend (R6),
// correct (R14), revoke (R14).
#include "usher/invitation/rules.h"
#include "usher/web/cms_common.h"
#include "usher/web/cms_person_form.h"
#include "usher/web/local_time.h"

namespace usher::web::cms {
namespace {

using invitation::Invitation;

// The list query parameters this page keeps in its links (R5 filters, sort, page).
constexpr const char* kListKeys[] = {"q",    "marker", "role", "store_id", "user_group_id",
                                     "sort", "cursor"};

std::vector<std::pair<std::string, std::string>> ListQuery(
    const std::map<std::string, std::string>& query, bool with_cursor) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* key : kListKeys) {
    if (!with_cursor && std::string(key) == "cursor") continue;
    auto it = query.find(key);
    if (it != query.end()) out.emplace_back(key, it->second);
  }
  return out;
}

std::string ListHref(const std::map<std::string, std::string>& query, bool with_cursor,
                     const std::string& notice = "") {
  auto pairs = ListQuery(query, with_cursor);
  pairs.emplace_back("notice", notice);
  const std::string qs = QueryString(pairs);
  return "/cms/invitations" + (qs.empty() ? "" : "?" + qs);
}

// The filters of the query; values that mean nothing are left out.
invitation::ListRequest ReadList(const http::Request& req, std::vector<FieldError>& errors) {
  invitation::ListRequest r;
  r.marker = invitation::ParseMarker(req.Query("marker"));
  r.role = directory::ParseRole(req.Query("role"));
  r.store_id = req.Query("store_id");
  r.user_group_id = req.Query("user_group_id");
  r.q = req.Query("q");
  if (r.q.size() > 200) {
    errors.push_back({"q", "too_long"});
    r.q.clear();
  }
  if (auto sort = invitation::ParseSortOrder(req.Query("sort"))) r.sort = *sort;
  r.cursor = req.Query("cursor");
  return r;
}

// R5: the marker's words, never colour alone.
std::string MarkerText(const Visit& v, const Invitation& inv, Time now) {
  const int days = invitation::DaysLeft(inv.expires_at, now);
  if (days <= 1) {
    const int calendar = LocalDaysBetween(now, inv.expires_at, v.Settings().timezone);
    return v.T(calendar <= 0 ? "marker.today" : "marker.tomorrow");
  }
  return v.T("marker.days", {{"days", std::to_string(days)}});
}

std::string ResendWait(const Visit& v, const Invitation& inv, Time now) {
  const Time at = invitation::ResendAvailableAt(inv, now);
  const std::string& tz = v.Settings().timezone;
  return v.T("invitations.resend_available",
             {{"time", LocalTime(at, tz, v.lang)}, {"date", DayMonth(at, tz, v.lang)}});
}

json Row(const Visit& v, const Invitation& inv, Time now,
         const std::vector<directory::Store>& stores,
         const std::vector<directory::UserGroup>& groups) {
  const std::string& tz = v.Settings().timezone;
  const std::string delivery = invitation::ToString(inv.delivery);
  const bool can_resend = invitation::CanResend(inv, now);
  const std::string store_names = NamesOf(stores, inv.user.store_ids);
  return {{"id", inv.id},
          {"name", inv.user.first_name + " " + inv.user.last_name},
          {"job_position", inv.user.job_position ? json(*inv.user.job_position) : json()},
          {"login", inv.user.email.value_or(inv.user.phone.value_or(""))},
          {"role", v.T(std::string("role.") + directory::ToString(inv.user.role))},
          {"stores", store_names.empty() ? json() : json(store_names)},
          {"groups", NamesOf(groups, inv.user.user_group_ids)},
          {"invited", ShortDate(inv.invited_at, tz, v.lang)},
          {"invited_iso", FormatRfc3339(inv.invited_at)},
          {"expires", ShortDate(inv.expires_at, tz, v.lang)},
          {"expires_iso", FormatRfc3339(inv.expires_at)},
          {"marker", invitation::ToString(invitation::MarkerAt(inv.expires_at, now))},
          {"marker_text", MarkerText(v, inv, now)},
          {"delivery", delivery},
          {"delivery_text", v.T("delivery." + delivery)},
          {"last_sent", inv.last_sent_at
                            ? json(v.T("invitations.last_sent",
                                       {{"when", ShortDateTime(*inv.last_sent_at, tz, v.lang)}}))
                            : json()},
          {"can_resend", can_resend},
          {"resend_wait", can_resend ? json() : json(ResendWait(v, inv, now))}};
}

std::vector<Option> WithAll(const Visit& v, std::vector<Option> options) {
  options.insert(options.begin(), Option{"", v.T("filter.all"), false});
  bool any = false;
  for (const auto& o : options) any = any || o.selected;
  if (!any) options.front().selected = true;
  return options;
}

http::Response InvitationsTab(http::Request& req, Visit& v) {
  auto& s = v.cms.s;
  std::vector<FieldError> errors;
  invitation::ListRequest list = ReadList(req, errors);
  auto page = s.invitations.List(v.Actor(), list);
  if (!page && page.error().kind == ErrorKind::kInvalid && !list.cursor.empty()) {
    errors.push_back({"cursor", "invalid_cursor"});
    list.cursor.clear();
    page = s.invitations.List(v.Actor(), list);
  }
  if (!page) return ErrorPage(v, page.error());
  auto stores = s.directory.ListStores(v.admin.company.id);
  if (!stores) return ErrorPage(v, stores.error());
  auto groups = s.directory.ListGroups(v.admin.company.id);
  if (!groups) return ErrorPage(v, groups.error());

  json m = v.TabModel(req, "invitations", v.T("invitations.title"));
  AddErrors(v, m, errors);
  const Time now = s.clock.Now();
  json rows = json::array();
  for (const auto& inv : page->items) rows.push_back(Row(v, inv, now, *stores, *groups));
  m["rows"] = rows;
  m["has_rows"] = !rows.empty();
  m["count"] = v.T("invitations.count", {{"count", std::to_string(page->total)}});
  m["back"] = QueryString(ListQuery(req.query, true));
  if (page->next_cursor) {
    auto next = req.query;
    next["cursor"] = *page->next_cursor;
    m["next_href"] = ListHref(next, true);
  }
  if (!list.cursor.empty()) m["first_href"] = ListHref(req.query, false);
  m["has_pages"] = m.contains("next_href") || m.contains("first_href");

  const std::string marker = list.marker ? invitation::ToString(*list.marker) : "";
  const std::string role = list.role ? directory::ToString(*list.role) : "";
  std::vector<Option> sorts;
  for (invitation::SortOrder order : invitation::kSortOrders) {
    const std::string key = invitation::ToString(order);
    sorts.push_back({key, v.T("sort." + key), order == list.sort});
  }
  std::vector<Field> filters = {
      Field::Input("q", "search", v.T("filter.q"), list.q),
      Field::Select("marker", v.T("filter.marker"),
                    WithAll(v, {{"red", v.T("filter.marker_red"), marker == "red"},
                                {"yellow", v.T("filter.marker_yellow"), marker == "yellow"},
                                {"none", v.T("filter.marker_none"), marker == "none"}})),
      Field::Select("role", v.T("person.role"),
                    WithAll(v, {{"user", v.T("role.user"), role == "user"},
                                {"manager", v.T("role.manager"), role == "manager"}})),
      Field::Select("store_id", v.T("filter.store"),
                    WithAll(v, StoreOptions(*stores, {list.store_id}))),
      Field::Select("user_group_id", v.T("filter.group"),
                    WithAll(v, GroupOptions(*groups, {list.user_group_id}))),
      Field::Select("sort", v.T("filter.sort"), sorts)};
  m["filters_html"] = FieldsHtml(v, filters, {});
  for (const char* key : {"filter", "filters", "reset", "name", "login", "role", "invited",
                          "expires", "marker", "delivery", "actions", "resend", "edit", "revoke",
                          "empty", "next", "first", "pages", "caption"}) {
    m["label_" + std::string(key)] = v.T("invitations." + std::string(key));
  }
  return v.Render(200, "cms_invitations", m);
}

http::Response Resend(http::Request& req, Visit& v) {
  auto inv = v.cms.s.invitations.Resend(v.Actor(), req.Param("id"));
  const std::string back = ListHref(http::ParseQuery(v.form.Get("back")), true, "resent");
  if (inv) return SeeOther(back);
  if (inv.error().code == "resend_cooldown") {
    auto current = v.cms.s.invitations.Get(v.Actor(), req.Param("id"));
    if (!current) return ErrorPage(v, current.error());
    auto r =
        MessagePage(v.cms, &v, v.lang, 429, v.T("resend_wait.title"),
                    ResendWait(v, *current, v.cms.s.clock.Now()), back, v.T("invitations.back"));
    r.headers.emplace_back("Retry-After", inv.error().Detail("retry_after"));
    return r;
  }
  return ErrorPage(v, inv.error());
}

http::Response RevokePage(http::Request& req, Visit& v) {
  auto inv = v.cms.s.invitations.Get(v.Actor(), req.Param("id"));
  if (!inv) return ErrorPage(v, inv.error());
  json m = v.TabModel(req, "", v.T("revoke.title"));
  const std::string name = inv->user.first_name + " " + inv->user.last_name;
  m["question"] = v.T("revoke.question", {{"name", name}});
  m["login"] = inv->user.email.value_or(inv->user.phone.value_or(""));
  m["consequence"] = v.T("revoke.consequence");
  m["action"] = "/cms/invitations/" + inv->id + "/revoke";
  m["submit"] = v.T("revoke.submit");
  m["cancel"] = v.T("cancel");
  return v.Render(200, "cms_revoke", m);
}

http::Response EditForm(http::Request& req, Visit& v, const Invitation& inv,
                        const PersonValues& values, int status,
                        const std::vector<FieldError>& errors) {
  json m = v.TabModel(req, "", v.T("edit.title"));
  m["intro"] = v.T("edit.intro");
  m["submit"] = v.T("edit.submit");
  m["action"] = "/cms/invitations/" + inv.id + "/edit";
  m["cancel_href"] = "/cms/invitations";
  m["cancel_label"] = v.T("cancel");
  if (auto ok = AddPersonFields(v, m, values, false, errors); !ok) return ErrorPage(v, ok.error());
  return v.Render(status, "cms_person", m);
}

}  // namespace

void AddInvitationPages(http::Router& router, const CmsPtr& cms) {
  router.Add("GET", "/cms/invitations", AdminPage(cms, InvitationsTab));
  router.Add("POST", "/cms/invitations/{id}/resend", AdminPage(cms, Resend));
  router.Add("GET", "/cms/invitations/{id}/revoke", AdminPage(cms, RevokePage));
  router.Add("POST", "/cms/invitations/{id}/revoke",
             AdminPage(cms, [](http::Request& req, Visit& v) {
               auto ok = v.cms.s.invitations.Revoke(v.Actor(), req.Param("id"));
               if (!ok) return ErrorPage(v, ok.error());
               return SeeOther("/cms/invitations?notice=revoked");
             }));
  router.Add("GET", "/cms/invitations/{id}/edit", AdminPage(cms, [](http::Request& req, Visit& v) {
               auto inv = v.cms.s.invitations.Get(v.Actor(), req.Param("id"));
               if (!inv) return ErrorPage(v, inv.error());
               return EditForm(req, v, *inv, ValuesFromUser(inv->user), 200, {});
             }));
  router.Add("POST", "/cms/invitations/{id}/edit", AdminPage(cms, [](http::Request& req, Visit& v) {
               auto inv = v.cms.s.invitations.Get(v.Actor(), req.Param("id"));
               if (!inv) return ErrorPage(v, inv.error());
               const PersonValues values = ValuesFromForm(v.form);
               auto edited = v.cms.s.invitations.Edit(v.Actor(), inv->id, ToPatch(values));
               if (edited) return SeeOther("/cms/invitations?notice=saved");
               auto errors = PersonFormErrors(edited.error());
               if (!errors) return ErrorPage(v, edited.error());
               const int status = edited.error().kind == ErrorKind::kConflict ? 409 : 422;
               return EditForm(req, v, *inv, values, status, *errors);
             }));
}

}  // namespace usher::web::cms
