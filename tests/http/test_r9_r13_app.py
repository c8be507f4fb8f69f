"""R9 (no login before registration, no account enumeration) and R13 (first login in the
app, managers and their stores)."""

from usher_http import (GOOD_PASSWORD, OMIT, assert_problem, field_errors, fresh_source,
                        unique_email, unique_phone)


def same_failure(responses):
    """Every answer is the same 401 invalid_credentials, byte for byte."""
    first = responses[0]
    assert_problem(first, 401, "invalid_credentials")
    for r in responses[1:]:
        assert (r.status, r.body) == (first.status, first.body), (first, r)
        assert r.header("Content-Type") == first.header("Content-Type")
        assert r.header("WWW-Authenticate") == first.header("WWW-Authenticate")


def test_r9_invited_user_cannot_log_in_same_answer_as_unknown(server):
    phone = unique_phone()
    inv = server.invite(phone=phone)
    same_failure([
        server.app_login(unique_email("nobody"), GOOD_PASSWORD),
        server.app_login(inv["email"], GOOD_PASSWORD),
        server.app_login(inv["email"], ""),
        server.app_login(phone, GOOD_PASSWORD),
        server.app_login("+32470000001", GOOD_PASSWORD),
    ])


def test_r9_wrong_password_unknown_login_and_unregistered_answer_identically(server):
    registered, _ = server.invite_and_register()
    invited = server.invite()
    same_failure([
        server.app_login(registered["email"], GOOD_PASSWORD + "x"),
        server.app_login(unique_email("unknown"), GOOD_PASSWORD),
        server.app_login(invited["email"], GOOD_PASSWORD),
    ])


def test_r9_r13_after_registration_login_by_email_then_language_then_ready(server):
    inv, user_id = server.invite_and_register(first_name="Jef", last_name="Janssens",
                                              language="nl")
    r = server.app_login(inv["email"].upper(), GOOD_PASSWORD)  # e-mail in any case
    assert r.status == 200, r
    token = r.json["token"]
    assert r.json["user"]["id"] == user_id
    me = server.get("/api/v1/app/me", token=token).json
    assert me["onboarding"] == "select_language"
    assert me["role"] == "user"
    assert_problem(server.put("/api/v1/app/me/language", {"language": "xx"}, token=token), 422)
    r = server.put("/api/v1/app/me/language", {"language": "pl"}, token=token)
    assert r.status == 200, r
    assert r.json["language"] == "pl" and r.json["onboarding"] == "ready"
    assert server.get("/api/v1/app/me", token=token).json["onboarding"] == "ready"


def test_r9_login_by_e164_phone(server):
    phone = unique_phone()
    inv, user_id = server.invite_and_register(phone=phone)
    r = server.app_login(phone, GOOD_PASSWORD)
    assert r.status == 200, r
    assert r.json["user"]["id"] == user_id


def test_r13_manager_with_store_gets_ready(server):
    store = server.stores[2]
    inv, user_id = server.invite_and_register(role="manager", store_ids=[store["id"]])
    token = server.app_login(inv["email"], GOOD_PASSWORD).json["token"]
    me = server.get("/api/v1/app/me", token=token).json
    assert me["role"] == "manager"
    assert me["stores"] == [{"id": store["id"], "name": store["name"]}]
    assert me["onboarding"] == "select_language"
    r = server.put("/api/v1/app/me/language", {"language": "en"}, token=token)
    assert r.json["onboarding"] == "ready"


def test_r13_removing_registered_managers_last_store_refused(server):
    inv, user_id = server.invite_and_register(role="manager", store_ids=[server.stores[1]["id"]])
    r = server.patch(f"/api/v1/users/{user_id}", {"store_ids": []}, token=server.token)
    assert ("store_ids", "manager_requires_store") in field_errors(r)
    got = server.get(f"/api/v1/users/{user_id}", token=server.token).json
    assert got["store_ids"] == [server.stores[1]["id"]] and got["status"] == "active"


def test_r13_removing_invited_managers_last_store_refused(server):
    inv = server.invite(role="manager", store_ids=[server.stores[1]["id"]])
    r = server.patch(f"/api/v1/users/{inv['user_id']}", {"store_ids": []}, token=server.token)
    assert ("store_ids", "manager_requires_store") in field_errors(r)
    r = server.patch(f"/api/v1/invitations/{inv['id']}", {"store_ids": []}, token=server.token)
    assert ("store_ids", "manager_requires_store") in field_errors(r)
    assert server.get_invitation(inv["id"]).json["store_ids"] == [server.stores[1]["id"]]


def test_r13_making_a_storeless_user_manager_refused(server):
    inv = server.invite(role="user", store_ids=OMIT)
    r = server.patch(f"/api/v1/users/{inv['user_id']}", {"role": "manager"}, token=server.token)
    assert ("store_ids", "manager_requires_store") in field_errors(r)
    r = server.patch(f"/api/v1/users/{inv['user_id']}",
                     {"role": "manager", "store_ids": [server.stores[0]["id"]]},
                     token=server.token)
    assert r.status == 200 and r.json["role"] == "manager", r


def test_r13_deleting_a_managers_only_store_409(server):
    a = server.post("/api/v1/stores", {"name": "Hasselt Hoogstraat"}, token=server.token).json
    b = server.post("/api/v1/stores", {"name": "Brugge Steenstraat"}, token=server.token).json
    inv = server.invite(role="manager", store_ids=[a["id"], b["id"]])
    assert server.delete(f"/api/v1/stores/{a['id']}", token=server.token).status == 204
    assert server.get_invitation(inv["id"]).json["store_ids"] == [b["id"]]
    r = server.delete(f"/api/v1/stores/{b['id']}", token=server.token)
    assert_problem(r, 409, "store_required_by_manager")
    listed = server.get("/api/v1/stores", token=server.token).json["items"]
    assert b["id"] in {s["id"] for s in listed}
    assert server.get_invitation(inv["id"]).json["store_ids"] == [b["id"]]


def test_r13_deleting_a_registered_managers_only_store_409(server):
    s = server.post("/api/v1/stores", {"name": "Kortrijk Lange Steenstraat"},
                    token=server.token).json
    inv, user_id = server.invite_and_register(role="manager", store_ids=[s["id"]])
    assert_problem(server.delete(f"/api/v1/stores/{s['id']}", token=server.token), 409,
                   "store_required_by_manager")


def test_r13_deleting_a_store_of_plain_users_is_fine(server):
    s = server.post("/api/v1/stores", {"name": "Aalst Kerkstraat"}, token=server.token).json
    inv = server.invite(role="user", store_ids=[s["id"]])
    assert server.delete(f"/api/v1/stores/{s['id']}", token=server.token).status == 204
    assert server.get_invitation(inv["id"]).json["store_ids"] == []


def test_r15_app_endpoints_need_an_app_token(server):
    for token in (None, "garbage", "A" * 43, server.token):  # an admin token is not a user's
        assert_problem(server.get("/api/v1/app/me", token=token), 401)
        assert_problem(server.put("/api/v1/app/me/language", {"language": "en"}, token=token),
                       401)
        assert_problem(server.post("/api/v1/app/logout", token=token), 401)


def test_r15_app_token_is_not_an_admin_token(server):
    inv, _ = server.invite_and_register()
    token = server.app_login(inv["email"], GOOD_PASSWORD).json["token"]
    assert_problem(server.get("/api/v1/invitations", token=token), 401)
    assert_problem(server.get("/api/v1/company", token=token), 401)


def test_r15_app_login_rate_limited_per_account(server):
    login = unique_email("hammered")
    statuses = [server.app_login(login, "wrong-password-1", source=fresh_source()).status
                for _ in range(8)]
    assert statuses[0] == 401 and 429 in statuses, statuses
    r = server.app_login(login, "wrong-password-1", source=fresh_source())
    assert_problem(r, 429, "too_many_attempts")
    assert int(r.header("Retry-After")) > 0
    # Another account from the same clients is not blocked.
    assert server.app_login(unique_email("other"), "x", source=fresh_source()).status == 401


def password_checks(server):
    """The process's count of Argon2id verifications, from /metrics."""
    r = server.get("/metrics")
    assert r.status == 200
    values = [line.split()[1] for line in r.text.splitlines()
              if line.startswith("usher_password_checks_total ")]
    assert len(values) == 1, "usher_password_checks_total missing from /metrics"
    return int(float(values[0]))


def checks_per_failure(server, login, attempt):
    """How many password hashes one failed login checks (the cost that hides whether the
    account exists); the hashes all carry the same Argon2id parameters (unit-tested)."""
    before = password_checks(server)
    r = attempt(login, "Wrong-Password-123")
    assert r.status == 401, r
    return password_checks(server) - before


def test_r9_failures_cost_as_much_as_a_password_check(server):
    """No account enumeration by timing: an unknown login or an invited user costs one
    password check, exactly like a wrong password of a real account."""
    registered, _ = server.invite_and_register()
    phone = unique_phone()
    invited = server.invite(phone=phone)
    login = server.app_login
    assert checks_per_failure(server, registered["email"], login) == 1
    assert checks_per_failure(server, unique_email("ghost"), login) == 1
    assert checks_per_failure(server, invited["email"], login) == 1
    assert checks_per_failure(server, phone, login) == 1
    assert checks_per_failure(server, "not a login at all", login) == 1


def test_r15_admin_login_failures_cost_as_much_as_a_password_check(server):
    login = server.login
    assert checks_per_failure(server, server.OTHER_ADMIN_EMAIL, login) == 1
    assert checks_per_failure(server, unique_email("ghost-admin"), login) == 1
    assert checks_per_failure(server, "not an e-mail", login) == 1
