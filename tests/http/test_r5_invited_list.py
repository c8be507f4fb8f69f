"""R5: the Invited users tab — filters, sorts, pagination, markers, days left."""

import uuid

import pytest

from usher_http import DAY, OMIT, assert_invitation, assert_problem, field_errors, unique_phone

HOUR = 3600


@pytest.fixture(scope="module")
def data(server):
    """Seven invitations, one hour apart, whose last names sort against their age."""
    S = [s["id"] for s in server.stores]
    G = [g["id"] for g in server.groups]
    tag = uuid.uuid4().hex[:6]
    phone = unique_phone()
    specs = [
        dict(first_name="Anna", last_name="Zeeman", store_ids=[S[0]], user_group_ids=[G[0]],
             external_id=f"EXT-{tag}-A"),
        dict(first_name="Bert", last_name="Yilmaz", email=OMIT, phone=phone, role="manager",
             store_ids=[S[1]], user_group_ids=[G[1]]),
        dict(first_name="Carla", last_name="Xu", store_ids=[S[0], S[1]],
             user_group_ids=[G[1], G[2]], email=f"carla.{tag}@example.com"),
        dict(first_name="Dirk", last_name="Wouters", role="manager", store_ids=[S[2]],
             user_group_ids=[G[0]]),
        dict(first_name="Eva", last_name="Verstraete", user_group_ids=[G[3]]),
        dict(first_name="Frank", last_name="Peeters", store_ids=[S[0]], user_group_ids=[G[1]]),
        dict(first_name="Greet", last_name="Adams", user_group_ids=[G[2]]),
    ]
    invs = []
    for spec in specs:
        invs.append(server.invite(**spec))
        server.advance(HOUR)
    return {"invs": invs, "ids": [i["id"] for i in invs], "S": S, "G": G, "tag": tag,
            "phone": phone}


def ids_of(server, **query):
    r = server.list_invitations(**query)
    assert r.status == 200, r
    return [i["id"] for i in r.json["items"]]


def all_pages(server, limit, **query):
    ids, cursor, pages = [], None, 0
    while True:
        q = dict(query, limit=limit)
        if cursor:
            q["cursor"] = cursor
        r = server.list_invitations(**q)
        assert r.status == 200, r
        page = r.json
        assert len(page["items"]) <= limit
        for item in page["items"]:
            assert_invitation(item)
        ids += [i["id"] for i in page["items"]]
        pages += 1
        assert pages < 50, "pagination does not end"
        cursor = page["next_cursor"]
        if cursor is None:
            return ids, page["total"]
        assert isinstance(cursor, str) and cursor


def test_r5_default_sort_is_soonest_expiry_first(server, data):
    assert ids_of(server) == data["ids"]
    r = server.list_invitations()
    assert r.json["total"] == 7 and r.json["next_cursor"] is None
    expiries = [i["expires_at"] for i in r.json["items"]]
    assert expiries == sorted(expiries)


@pytest.mark.parametrize("sort,order", [("expires_at", "age"), ("-expires_at", "reverse"),
                                        ("invited_at", "age"), ("-invited_at", "reverse"),
                                        ("last_name", "name")])
def test_r5_sorts(server, data, sort, order):
    if order == "age":
        want = data["ids"]
    elif order == "reverse":
        want = data["ids"][::-1]
    else:
        want = [i["id"] for i in sorted(data["invs"], key=lambda i: i["last_name"])]
    assert ids_of(server, sort=sort) == want


@pytest.mark.parametrize("sort", ["expires_at", "-expires_at", "invited_at", "-invited_at",
                                  "last_name"])
@pytest.mark.parametrize("limit", [1, 2, 3])
def test_r5_pagination_with_cursor_no_duplicates_no_gaps(server, data, sort, limit):
    ids, total = all_pages(server, limit, sort=sort)
    assert total == 7
    assert len(ids) == len(set(ids)) == 7
    assert ids == ids_of(server, sort=sort)


def test_r5_pagination_of_a_filtered_list(server, data):
    ids, total = all_pages(server, 1, store_id=data["S"][0])
    want = [i["id"] for i in data["invs"] if data["S"][0] in i["store_ids"]]
    assert ids == want and total == len(want) == 3


def test_r5_first_page_reports_total_and_cursor(server, data):
    r = server.list_invitations(limit=2)
    page = r.json
    assert len(page["items"]) == 2 and page["total"] == 7 and page["next_cursor"]


def test_r5_filter_by_role(server, data):
    assert ids_of(server, role="manager") == [data["ids"][1], data["ids"][3]]
    assert ids_of(server, role="user") == [i for n, i in enumerate(data["ids"]) if n not in (1, 3)]


def test_r5_filter_by_store(server, data):
    S = data["S"]
    assert ids_of(server, store_id=S[0]) == [data["ids"][0], data["ids"][2], data["ids"][5]]
    assert ids_of(server, store_id=S[2]) == [data["ids"][3]]
    assert ids_of(server, store_id=S[3]) == []


def test_r5_filter_by_user_group(server, data):
    G = data["G"]
    assert ids_of(server, user_group_id=G[1]) == [data["ids"][1], data["ids"][2], data["ids"][5]]
    assert ids_of(server, user_group_id=G[3]) == [data["ids"][4]]


def test_r5_filters_combine(server, data):
    assert ids_of(server, store_id=data["S"][1], role="manager") == [data["ids"][1]]
    assert ids_of(server, user_group_id=data["G"][1], q="carla") == [data["ids"][2]]


def test_r5_free_text_on_name(server, data):
    assert ids_of(server, q="Verstraete") == [data["ids"][4]]
    assert ids_of(server, q="verstr") == [data["ids"][4]]  # part, any case
    assert ids_of(server, q="GREET") == [data["ids"][6]]
    assert ids_of(server, q="nobody-has-this-name") == []


def test_r5_free_text_on_email(server, data):
    assert ids_of(server, q=f"carla.{data['tag']}@example.com") == [data["ids"][2]]
    assert ids_of(server, q=f"carla.{data['tag']}") == [data["ids"][2]]


def test_r5_free_text_on_phone(server, data):
    assert ids_of(server, q=data["phone"]) == [data["ids"][1]]


def test_r5_free_text_on_external_id(server, data):
    assert ids_of(server, q=f"EXT-{data['tag']}-A") == [data["ids"][0]]


def test_r5_marker_filter_when_nothing_is_near_expiry(server, data):
    assert ids_of(server, marker="none") == data["ids"]
    assert ids_of(server, marker="yellow") == []
    assert ids_of(server, marker="red") == []


@pytest.mark.parametrize("query,field", [
    ({"sort": "name"}, "sort"), ({"sort": "expires_at;drop"}, "sort"),
    ({"limit": "0"}, "limit"), ({"limit": "201"}, "limit"), ({"limit": "-1"}, "limit"),
    ({"limit": "abc"}, "limit"), ({"limit": "99999999999999999999"}, "limit"),
    ({"marker": "blue"}, "marker"), ({"role": "boss"}, "role"), ({"q": "x" * 201}, "q"),
    ({"cursor": "garbage"}, "cursor"), ({"cursor": "A" * 40}, "cursor"),
])
def test_r5_invalid_query_422(server, data, query, field):
    r = server.list_invitations(**query)
    assert r.status == 422, r
    assert field in {f for f, _ in field_errors(r)}


def test_r5_cursor_of_another_sort_refused(server, data):
    cursor = server.list_invitations(limit=2, sort="last_name").json["next_cursor"]
    r = server.list_invitations(limit=2, sort="-invited_at", cursor=cursor)
    assert_problem(r, 422)


def test_r5_list_shows_only_pending(server, data):
    inv = server.invite(first_name="Revoked", last_name="Soon")
    assert inv["id"] in ids_of(server, q="Revoked")
    assert server.delete(f"/api/v1/invitations/{inv['id']}", token=server.token).status == 204
    assert ids_of(server, q="Revoked") == []
    assert server.total() == 7


def test_r5_markers_days_left_and_r8_erasure_over_time(fresh_server):
    srv = fresh_server
    a = srv.invite(first_name="Aged", last_name="One")
    assert (a["days_left"], a["marker"]) == (60, "none")
    srv.advance(52 * DAY)
    b = srv.invite(first_name="Young", last_name="Two")

    def state(inv_id):
        got = srv.get_invitation(inv_id)
        assert got.status == 200, got
        return got.json["days_left"], got.json["marker"]

    def by_marker(marker):
        r = srv.list_invitations(marker=marker)
        assert r.status == 200, r
        return [i["id"] for i in r.json["items"]]

    assert state(a["id"]) == (8, "none")
    srv.advance(DAY - 1)  # 7 days + 1 s left: days rounded up
    assert state(a["id"]) == (8, "none")
    srv.advance(1)  # exactly 7 days left
    assert state(a["id"]) == (7, "yellow")  # 53 days after the invite
    assert by_marker("yellow") == [a["id"]]
    assert by_marker("red") == []
    assert by_marker("none") == [b["id"]]
    items = srv.list_invitations().json["items"]
    assert [(i["id"], i["marker"], i["days_left"]) for i in items] == \
        [(a["id"], "yellow", 7), (b["id"], "none", 59)]

    srv.advance(3 * DAY)  # 4 days left
    assert state(a["id"]) == (4, "yellow")
    srv.advance(DAY)  # 57 days: exactly 3 days left
    assert state(a["id"]) == (3, "red")
    assert by_marker("red") == [a["id"]]
    assert by_marker("yellow") == []
    assert by_marker("none") == [b["id"]]

    srv.advance(3 * DAY - 1)
    assert state(a["id"]) == (1, "red")
    srv.advance(1)  # expired: erased by the due work (R8)
    assert_problem(srv.get_invitation(a["id"]), 404, "not_found")
    assert by_marker("red") == []
    assert srv.total() == 1
    assert_problem(srv.get(f"/api/v1/users/{a['user_id']}", token=srv.token), 404)
    # R8: afterwards the same address can be invited again.
    assert srv.invite(email=a["email"])["email"] == a["email"]
