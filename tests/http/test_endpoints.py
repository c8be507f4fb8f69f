"""Every route of /api/openapi.json once, on its success path, with the shapes of API.md."""

import datetime

from usher_http import (GOOD_PASSWORD, ME_FIELDS, RFC3339, TOKEN,
                        USER_FIELDS, assert_invitation, assert_problem, unique_email)

# The routes this module exercises; the first test fails when the server grows a route
# that nobody tests yet.
COVERED = {
    ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/languages"),
    ("GET", "/api/v1/stores"), ("POST", "/api/v1/stores"), ("DELETE", "/api/v1/stores/{id}"),
    ("GET", "/api/v1/user-groups"), ("POST", "/api/v1/user-groups"),
    ("GET", "/api/v1/company"), ("PATCH", "/api/v1/company"),
    ("POST", "/api/v1/invitations"), ("GET", "/api/v1/invitations"),
    ("GET", "/api/v1/invitations/{id}"), ("PATCH", "/api/v1/invitations/{id}"),
    ("DELETE", "/api/v1/invitations/{id}"), ("POST", "/api/v1/invitations/{id}/resend"),
    ("GET", "/api/v1/users"), ("GET", "/api/v1/users/{id}"), ("PATCH", "/api/v1/users/{id}"),
    ("GET", "/api/v1/registration/{token}"), ("POST", "/api/v1/registration/{token}"),
    ("POST", "/api/v1/app/login"), ("POST", "/api/v1/app/logout"), ("GET", "/api/v1/app/me"),
    ("PUT", "/api/v1/app/me/language"),
    ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics"), ("GET", "/api/openapi.json"),
    ("GET", "/api/v1/_test/clock"), ("POST", "/api/v1/_test/clock"),
    ("POST", "/api/v1/invitations/import"),  # in detail: test_r17_import.py
}


def parse_time(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


def test_openapi_routes_are_all_covered_by_this_module(server):
    r = server.get("/api/openapi.json")
    assert r.status == 200
    served = {(m.upper(), p) for p, ops in r.json["paths"].items() for m in ops
              if m in ("get", "post", "put", "patch", "delete")}
    assert served == COVERED, {"untested": served - COVERED, "not served": COVERED - served}


def test_r15_admin_login_and_logout(server):
    r = server.login(server.admin_email, server.admin_password)
    assert r.status == 200, r
    body = r.json
    assert set(body) == {"token", "admin", "company"}
    assert isinstance(body["token"], str) and len(body["token"]) >= 32
    assert body["admin"]["email"] == server.admin_email
    assert set(body["admin"]) >= {"id", "email", "company_id", "language"}
    assert body["admin"]["company_id"] == server.company_id
    assert body["company"]["id"] == server.company_id
    token = body["token"]
    assert server.get("/api/v1/company", token=token).status == 200
    r = server.post("/api/v1/auth/logout", token=token)
    assert r.status == 204 and r.body == b""
    assert_problem(server.get("/api/v1/company", token=token), 401)


def test_r12_languages_need_no_login(server):
    r = server.get("/api/v1/languages")
    assert r.status == 200
    assert r.header("Content-Type").startswith("application/json")
    items = r.json["items"]
    assert all(set(i) == {"code", "name"} for i in items), items
    codes = {i["code"] for i in items}
    assert {"en", "nl", "fr", "de", "es", "it", "pt", "pl"} <= codes
    assert {"code": "nl", "name": "Nederlands"} in items


def test_stores_list_create_delete(server):
    r = server.get("/api/v1/stores", token=server.token)
    assert r.status == 200
    assert {s["id"] for s in server.stores} <= {s["id"] for s in r.json["items"]}
    assert all(set(s) == {"id", "name", "code"} for s in r.json["items"])
    r = server.post("/api/v1/stores", {"name": "Leuven Bondgenotenlaan", "code": "LEU-01"},
                    token=server.token)
    assert r.status == 201, r
    store = r.json
    assert set(store) == {"id", "name", "code"}
    assert store["name"] == "Leuven Bondgenotenlaan" and store["code"] == "LEU-01"
    r = server.post("/api/v1/stores", {"name": "Mechelen Bruul"}, token=server.token)
    assert r.status == 201 and r.json["code"] is None, r
    listed = server.get("/api/v1/stores", token=server.token).json["items"]
    assert store in listed
    r = server.delete(f"/api/v1/stores/{store['id']}", token=server.token)
    assert r.status == 204 and r.body == b""
    listed = server.get("/api/v1/stores", token=server.token).json["items"]
    assert store["id"] not in {s["id"] for s in listed}
    assert_problem(server.delete(f"/api/v1/stores/{store['id']}", token=server.token), 404)


def test_user_groups_list_create(server):
    r = server.get("/api/v1/user-groups", token=server.token)
    assert r.status == 200
    assert {g["id"] for g in server.groups} <= {g["id"] for g in r.json["items"]}
    r = server.post("/api/v1/user-groups", {"name": "Bakers"}, token=server.token)
    assert r.status == 201, r
    assert set(r.json) == {"id", "name"} and r.json["name"] == "Bakers"
    listed = server.get("/api/v1/user-groups", token=server.token).json["items"]
    assert r.json in listed


def test_company_settings_get_and_patch(server):
    r = server.get("/api/v1/company", token=server.token)
    assert r.status == 200
    c = r.json
    assert set(c) >= {"id", "name", "validity_days", "reminder_days", "default_region",
                      "timezone", "default_language"}
    assert c["id"] == server.company_id
    assert c["validity_days"] == 60  # R4 default
    assert c["reminder_days"] == [3, 10, 20, 30, 45, 53, 57]  # R7 default
    assert c["default_region"] == "BE"
    old_language = c["default_language"]
    new_language = "fr" if old_language != "fr" else "nl"
    r = server.patch("/api/v1/company", {"default_language": new_language}, token=server.token)
    assert r.status == 200, r
    assert r.json["default_language"] == new_language
    assert r.json["validity_days"] == 60
    assert server.get("/api/v1/company", token=server.token).json["default_language"] == \
        new_language
    r = server.patch("/api/v1/company", {"default_language": old_language}, token=server.token)
    assert r.status == 200 and r.json["default_language"] == old_language


def test_r4_invitation_create_get_list_patch_resend_revoke(server):
    now = server.now()
    addr = unique_email("ana")
    form = server.invite_form(first_name="Ana", last_name="Peeters", email=addr, phone=None,
                              job_position="Sales", external_id="E-" + addr[:12],
                              role="manager", store_ids=[server.stores[0]["id"]],
                              user_group_ids=[server.groups[0]["id"], server.groups[1]["id"]],
                              language="nl")
    r = server.post_invitation(form)
    assert r.status == 201, r
    assert r.header("Content-Type").startswith("application/json")
    inv = assert_invitation(r.json)
    assert inv["status"] == "pending" and inv["channel"] == "email"
    assert (inv["first_name"], inv["last_name"], inv["email"]) == ("Ana", "Peeters", addr)
    assert inv["phone"] is None and inv["job_position"] == "Sales"
    assert inv["external_id"] == form["external_id"] and inv["role"] == "manager"
    assert inv["store_ids"] == [server.stores[0]["id"]]
    assert sorted(inv["user_group_ids"]) == sorted(form["user_group_ids"])
    assert inv["language"] == "nl"
    assert inv["invited_at"] == now
    assert parse_time(inv["expires_at"]) - parse_time(inv["invited_at"]) == \
        datetime.timedelta(days=60)
    assert inv["days_left"] == 60 and inv["marker"] == "none"
    assert inv["resend_count"] == 0 and inv["reminders_sent"] == 0
    assert inv["resend_available_at"] == now  # resend available now
    assert inv["delivery"] in ("queued", "sent")

    r = server.get_invitation(inv["id"])
    assert r.status == 200
    got = assert_invitation(r.json)
    assert got["id"] == inv["id"] and got["user_id"] == inv["user_id"]

    r = server.list_invitations(q=addr)
    assert r.status == 200
    page = r.json
    assert set(page) == {"items", "next_cursor", "total"}
    assert page["total"] == 1 and page["next_cursor"] is None
    assert [i["id"] for i in page["items"]] == [inv["id"]]
    assert_invitation(page["items"][0])

    r = server.patch(f"/api/v1/invitations/{inv['id']}", {"job_position": "Cashier"},
                     token=server.token)
    assert r.status == 200, r
    assert assert_invitation(r.json)["job_position"] == "Cashier"

    r = server.post(f"/api/v1/invitations/{inv['id']}/resend", token=server.token)
    assert r.status == 200, r
    assert assert_invitation(r.json)["resend_count"] == 1
    assert r.json["expires_at"] == inv["expires_at"]

    r = server.delete(f"/api/v1/invitations/{inv['id']}", token=server.token)
    assert r.status == 204 and r.body == b""
    assert_problem(server.get_invitation(inv["id"]), 404)


def test_users_list_get_patch(server):
    inv = server.invite(first_name="Bram", last_name="Claes", job_position="Stock")
    r = server.get("/api/v1/users?status=invited", token=server.token)
    assert r.status == 200
    page = r.json
    assert {"items", "next_cursor"} <= set(page)
    assert all(u["status"] == "invited" for u in page["items"])
    assert inv["user_id"] in {u["id"] for u in page["items"]}
    r = server.get(f"/api/v1/users?q={inv['email']}", token=server.token)
    assert r.status == 200 and [u["id"] for u in r.json["items"]] == [inv["user_id"]]

    r = server.get(f"/api/v1/users/{inv['user_id']}", token=server.token)
    assert r.status == 200
    user = r.json
    assert set(user) == USER_FIELDS, set(user) ^ USER_FIELDS
    assert user["status"] == "invited" and user["email"] == inv["email"]
    assert user["activated_at"] is None and RFC3339.match(user["created_at"])

    r = server.patch(f"/api/v1/users/{inv['user_id']}",
                     {"job_position": "Team lead", "user_group_ids": [server.groups[2]["id"]]},
                     token=server.token)
    assert r.status == 200, r
    assert r.json["job_position"] == "Team lead"
    assert r.json["user_group_ids"] == [server.groups[2]["id"]]


def test_r10_r13_registration_and_app(server):
    inv = server.invite(first_name="Chloé", last_name="Dubois", language="fr")
    token = server.token_for(inv["email"])
    assert TOKEN.match(token)

    after = server.get_invitation(inv["id"]).json
    assert after["delivery"] == "sent" and after["last_sent_at"] is not None

    r = server.registration(token)
    assert r.status == 200, r
    reg = r.json
    assert set(reg) == {"first_name", "last_name", "email", "phone", "language", "company",
                        "expires_at"}
    assert (reg["first_name"], reg["last_name"], reg["email"]) == ("Chloé", "Dubois",
                                                                   inv["email"])
    assert reg["phone"] is None and reg["language"] == "fr"
    assert reg["company"] == {"name": server.demo["company"]}
    assert reg["expires_at"] == inv["expires_at"]

    r = server.register(token, GOOD_PASSWORD, "fr")
    assert r.status == 201, r
    assert r.json == {"user_id": inv["user_id"]}

    r = server.app_login(inv["email"], GOOD_PASSWORD)
    assert r.status == 200, r
    assert set(r.json) == {"token", "user"}
    assert set(r.json["user"]) == ME_FIELDS
    app_token = r.json["token"]

    r = server.get("/api/v1/app/me", token=app_token)
    assert r.status == 200
    me = r.json
    assert set(me) == ME_FIELDS
    assert me["id"] == inv["user_id"] and me["first_name"] == "Chloé"
    assert me["role"] == "user" and me["stores"] == []
    assert me["user_groups"] == [{"id": server.groups[0]["id"], "name": server.groups[0]["name"]}]
    assert me["onboarding"] == "select_language"

    r = server.put("/api/v1/app/me/language", {"language": "nl"}, token=app_token)
    assert r.status == 200, r
    assert r.json["language"] == "nl" and r.json["onboarding"] == "ready"

    r = server.post("/api/v1/app/logout", token=app_token)
    assert r.status == 204
    assert_problem(server.get("/api/v1/app/me", token=app_token), 401)


def test_operations_endpoints(server):
    assert server.get("/healthz").status == 200
    assert server.get("/readyz").status == 200
    r = server.get("/metrics")
    assert r.status == 200 and r.header("Content-Type").startswith("text/plain")
    assert "usher_http_requests_total" in r.text
    r = server.get("/api/openapi.json")
    assert r.status == 200 and r.header("Content-Type").startswith("application/json")
    assert r.json["openapi"] == "3.1.0"


def test_test_clock_get_and_move(server):
    r = server.get("/api/v1/_test/clock")
    assert r.status == 200 and set(r.json) == {"now"} and RFC3339.match(r.json["now"])
    start = parse_time(r.json["now"])
    r = server.post("/api/v1/_test/clock", {"advance_seconds": 0})
    assert r.status == 200 and parse_time(r.json["now"]) == start
    r = server.post("/api/v1/_test/clock", {"advance_seconds": 30})
    assert r.status == 200 and parse_time(r.json["now"]) == start + datetime.timedelta(seconds=30)
    target = (start + datetime.timedelta(seconds=90)).strftime("%Y-%m-%dT%H:%M:%SZ")
    r = server.post("/api/v1/_test/clock", {"now": target})
    assert r.status == 200 and r.json["now"] == target
    assert server.get("/api/v1/_test/clock").json["now"] == target
    # Time only moves forward.
    past = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert_problem(server.post("/api/v1/_test/clock", {"now": past}), 422)
    assert_problem(server.post("/api/v1/_test/clock", {"advance_seconds": -5}), 422)
    assert server.get("/api/v1/_test/clock").json["now"] == target


