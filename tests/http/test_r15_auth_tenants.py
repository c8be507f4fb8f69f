"""R15: admin authentication, bearer tokens, login rate limits, and tenant isolation."""

import uuid

import pytest

from usher_http import assert_problem, field_errors, fresh_source, unique_email

BAD_TOKENS = [None, "", "garbage", "A" * 43, "A" * 2000, "../../etc/passwd", "é" * 10]


def admin_operations(server):
    """(method, path) of every route of the served OpenAPI document that needs an admin."""
    doc = server.get("/api/openapi.json").json
    ops = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            if any("bearerAuth" in req for req in op.get("security", [])):
                ops.append((method.upper(), path.replace("{id}", uuid.uuid4().hex)))
    return ops


# ------------------------------------------------------------------ login

def test_r15_admin_login_wrong_password_401_invalid_credentials(server):
    wrong = server.login(server.admin_email, server.admin_password + "x")
    body = assert_problem(wrong, 401, "invalid_credentials")
    assert "token" not in body
    unknown = server.login("nobody@demo-retail.example", server.admin_password)
    assert (unknown.status, unknown.body) == (wrong.status, wrong.body)  # no enumeration
    empty = server.login(server.admin_email, "")
    assert (empty.status, empty.body) == (wrong.status, wrong.body)


def test_r15_admin_login_bad_bodies(server):
    assert_problem(server.post("/api/v1/auth/login", {"email": 5, "password": []},
                               source=fresh_source()), 422)
    assert_problem(server.post("/api/v1/auth/login", data=b"email=a&password=b",
                               content_type="application/x-www-form-urlencoded",
                               source=fresh_source()), 415)


@pytest.mark.parametrize("token", BAD_TOKENS)
def test_r15_no_or_garbage_bearer_401_on_every_admin_endpoint(server, token):
    ops = admin_operations(server)
    assert len(ops) >= 15
    for method, path in ops:
        headers = {}
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        r = server.request(method, path, {} if method in ("POST", "PATCH", "PUT") else None,
                           headers={k: v.encode("utf-8").decode("latin-1")
                                    for k, v in headers.items()})
        assert_problem(r, 401)
        assert r.header("WWW-Authenticate") is not None, (method, path)


@pytest.mark.parametrize("value", ["Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "Token {t}",
                                   "{t}", "Bearer  {t}", "Bearer {t}x"])
def test_r15_malformed_authorization_header_401(server, value):
    r = server.get("/api/v1/invitations",
                   headers={"Authorization": value.format(t=server.token)})
    assert_problem(r, 401)


def test_r15_logout_kills_only_that_token(server):
    r = server.login(server.admin_email, server.admin_password)
    token = r.json["token"]
    assert server.get("/api/v1/invitations", token=token).status == 200
    assert server.post("/api/v1/auth/logout", token=token).status == 204
    for method, path in admin_operations(server):
        assert_problem(server.request(method, path, token=token), 401)
    assert_problem(server.post("/api/v1/auth/logout", token=token), 401)
    assert server.get("/api/v1/invitations", token=server.token).status == 200


def test_r15_admin_login_rate_limited_per_account(server):
    server.admin_token(2)  # keep a session of this account for the other tests
    statuses = [server.login(server.OTHER_ADMIN_EMAIL, f"wrong-{i}-password",
                             source=fresh_source()).status for i in range(8)]
    assert statuses[0] == 401 and 429 in statuses, statuses
    assert set(statuses[:statuses.index(429)]) == {401}
    # Locked: even the right password is refused now, from anywhere.
    r = server.login(server.OTHER_ADMIN_EMAIL, server.OTHER_ADMIN_PASSWORD, source=fresh_source())
    assert_problem(r, 429, "too_many_attempts")
    retry = int(r.header("Retry-After"))
    assert 0 < retry <= 3600
    # Another account is not affected.
    assert server.login(server.admin_email, server.admin_password).status == 200
    server.advance(retry)
    r = server.login(server.OTHER_ADMIN_EMAIL, server.OTHER_ADMIN_PASSWORD, source=fresh_source())
    assert r.status == 200, r


def test_r15_admin_login_rate_limited_per_client(server):
    source = fresh_source()
    statuses = [server.login(unique_email("guess"), "whatever-pass", source=source).status
                for _ in range(22)]
    assert 429 in statuses, statuses
    r = server.login(server.admin_email, server.admin_password, source=source)
    assert_problem(r, 429, "too_many_attempts")
    assert int(r.header("Retry-After")) > 0
    assert server.login(server.admin_email, server.admin_password).status == 200  # other client


# ------------------------------------------------------------------ tenants

@pytest.fixture(scope="module")
def company1(server):
    """Objects of the demo company that the second company's admin will go after."""
    store = server.post("/api/v1/stores", {"name": "Oostende Kapellestraat"},
                        token=server.token).json
    inv = server.invite(role="manager", store_ids=[store["id"]])
    return {"inv": inv, "store": store, "group": server.groups[0]}


def outcome(r):
    body = assert_problem(r)
    return r.status, body


def tenant_cases(c1):
    inv, store = c1["inv"], c1["store"]
    return [
        ("GET", "/api/v1/invitations/{}", inv["id"], None),
        ("PATCH", "/api/v1/invitations/{}", inv["id"], {"first_name": "Hacked"}),
        ("POST", "/api/v1/invitations/{}/resend", inv["id"], None),
        ("DELETE", "/api/v1/invitations/{}", inv["id"], None),
        ("DELETE", "/api/v1/stores/{}", store["id"], None),
        ("GET", "/api/v1/users/{}", inv["user_id"], None),
        ("PATCH", "/api/v1/users/{}", inv["user_id"], {"job_position": "Hacked"}),
    ]


@pytest.mark.parametrize("case", range(7))
def test_r15_tenant_isolation_other_company_id_is_404_like_a_missing_one(server, company1, case):
    method, pattern, their_id, body = tenant_cases(company1)[case]
    server.other_group()
    theirs = server.request(method, pattern.format(their_id), body, token=server.token2)
    missing = server.request(method, pattern.format(uuid.uuid4().hex), body, token=server.token2)
    assert theirs.status == 404, theirs
    assert outcome(theirs) == outcome(missing)


def test_r15_tenant_isolation_left_company1_untouched(server, company1):
    for case in range(7):  # whatever order the matrix ran in
        method, pattern, their_id, body = tenant_cases(company1)[case]
        server.request(method, pattern.format(their_id), body, token=server.token2)
    inv = server.get_invitation(company1["inv"]["id"]).json
    assert inv["first_name"] == company1["inv"]["first_name"]
    assert inv["resend_count"] == 0 and inv["status"] == "pending"
    user = server.get(f"/api/v1/users/{inv['user_id']}", token=server.token).json
    assert user["job_position"] == company1["inv"]["job_position"]
    stores = server.get("/api/v1/stores", token=server.token).json["items"]
    assert company1["store"]["id"] in {s["id"] for s in stores}


def test_r15_tenant_isolation_other_company_store_and_group_unknown(server, company1):
    group2 = server.other_group()
    r = server.post_invitation(server.invite_form(store_ids=[company1["store"]["id"]],
                                                  user_group_ids=[group2["id"]]),
                               token=server.token2)
    assert field_errors(r) == {("store_ids", "unknown_store")}
    r = server.post_invitation(server.invite_form(user_group_ids=[company1["group"]["id"]]),
                               token=server.token2)
    assert field_errors(r) == {("user_group_ids", "unknown_group")}
    # Same for a correction and for a user.
    store2 = server.other_store()
    mine = server.invite(token=server.token2, user_group_ids=[group2["id"]])
    r = server.patch(f"/api/v1/invitations/{mine['id']}",
                     {"store_ids": [company1["store"]["id"]]}, token=server.token2)
    assert ("store_ids", "unknown_store") in field_errors(r)
    r = server.patch(f"/api/v1/users/{mine['user_id']}",
                     {"user_group_ids": [company1["group"]["id"]]}, token=server.token2)
    assert ("user_group_ids", "unknown_group") in field_errors(r)
    r = server.patch(f"/api/v1/users/{mine['user_id']}", {"store_ids": [store2["id"]]},
                     token=server.token2)
    assert r.status == 200, r


def test_r15_tenant_isolation_lists_show_only_own_company(server, company1):
    group2 = server.other_group()
    mine = server.invite(token=server.token2, user_group_ids=[group2["id"]])
    theirs = company1["inv"]
    listed = server.list_invitations(token=server.token2).json
    ids = {i["id"] for i in listed["items"]}
    assert mine["id"] in ids and theirs["id"] not in ids
    assert server.list_invitations(token=server.token2, q=theirs["email"]).json["total"] == 0
    assert server.list_invitations(token=server.token2,
                                   store_id=company1["store"]["id"]).json.get("total", 0) == 0
    users = server.get("/api/v1/users?limit=200", token=server.token2).json["items"]
    assert theirs["user_id"] not in {u["id"] for u in users}
    stores = server.get("/api/v1/stores", token=server.token2).json["items"]
    assert company1["store"]["id"] not in {s["id"] for s in stores}
    groups = server.get("/api/v1/user-groups", token=server.token2).json["items"]
    assert company1["group"]["id"] not in {g["id"] for g in groups}
    company = server.get("/api/v1/company", token=server.token2).json
    assert company["id"] == server.other["company_id"]
    # And the other way round.
    assert_problem(server.get_invitation(mine["id"]), 404)
    assert mine["id"] not in {i["id"] for i in server.list_invitations().json["items"]}
