"""Reference data: stores, user groups, company settings (API.md "Reference data"), and how
the settings drive invitations (R1 region, R4 validity)."""

import pytest

from usher_http import OMIT, assert_problem, field_errors, unique_email


@pytest.mark.parametrize("path", ["/api/v1/stores", "/api/v1/user-groups"])
def test_store_and_group_names_validated(server, path):
    assert ("name", "required") in field_errors(server.post(path, {"name": "  "},
                                                            token=server.token))
    assert ("name", "required") in field_errors(server.post(path, {}, token=server.token))
    assert ("name", "too_long") in field_errors(server.post(path, {"name": "x" * 101},
                                                            token=server.token))
    assert ("name", "invalid") in field_errors(server.post(path, {"name": "a\u0000b"},
                                                           token=server.token))


@pytest.mark.parametrize("path", ["/api/v1/stores", "/api/v1/user-groups"])
def test_store_and_group_names_unique_per_company(server, path):
    r = server.post(path, {"name": "Duplicate Name"}, token=server.token)
    assert r.status == 201, r
    assert_problem(server.post(path, {"name": "Duplicate Name"}, token=server.token), 409)
    # Another company may use the same name.
    assert server.post(path, {"name": "Duplicate Name"}, token=server.token2).status == 201


def test_store_names_in_any_script(server):
    r = server.post("/api/v1/stores", {"name": "Liège Vinâve d'Île 李", "code": "LIE-李"},
                    token=server.token)
    assert r.status == 201 and r.json["name"] == "Liège Vinâve d'Île 李", r


@pytest.mark.parametrize("patch,field,code", [
    ({"validity_days": 0}, "validity_days", "out_of_range"),
    ({"validity_days": -5}, "validity_days", "out_of_range"),
    ({"validity_days": 10**12}, "validity_days", "out_of_range"),
    ({"reminder_days": [10, 3]}, "reminder_days", "invalid"),
    ({"reminder_days": [0]}, "reminder_days", "invalid"),
    ({"reminder_days": [3, 60]}, "reminder_days", "invalid"),   # not before the expiry
    ({"reminder_days": [3, 3]}, "reminder_days", "invalid"),
    ({"default_region": "XX"}, "default_region", "invalid"),
    ({"default_region": ""}, "default_region", "invalid"),
    ({"timezone": "Mars/Olympus"}, "timezone", "invalid"),
    ({"default_language": "xx"}, "default_language", "unsupported_language"),
])
def test_company_settings_validated(server, patch, field, code):
    before = server.get("/api/v1/company", token=server.token).json
    assert (field, code) in field_errors(server.patch("/api/v1/company", patch,
                                                      token=server.token))
    assert server.get("/api/v1/company", token=server.token).json == before


def test_r4_company_validity_applies_to_new_invitations(fresh_server):
    srv = fresh_server
    old = srv.invite()
    r = srv.patch("/api/v1/company", {"validity_days": 30, "reminder_days": [3, 10, 20]},
                  token=srv.token)
    assert r.status == 200, r
    assert r.json["validity_days"] == 30 and r.json["reminder_days"] == [3, 10, 20]
    new = srv.invite()
    assert new["days_left"] == 30
    assert srv.get_invitation(old["id"]).json["days_left"] == 60  # existing ones keep theirs
    # The other company is not affected.
    assert srv.get("/api/v1/company", token=srv.token2).json["validity_days"] == 60


def test_r1_phone_parsed_with_the_company_region(fresh_server):
    srv = fresh_server
    r = srv.patch("/api/v1/company", {"default_region": "NL"}, token=srv.token)
    assert r.status == 200 and r.json["default_region"] == "NL", r
    inv = srv.invite(email=OMIT, phone="06 12345678")
    assert inv["phone"] == "+31612345678"
    # A number in international format keeps its own country.
    assert srv.invite(email=OMIT, phone="+32 470 11 22 33")["phone"] == "+32470112233"
    # The second company is still BE.
    group = srv.other_group()
    inv2 = srv.invite(token=srv.token2, email=OMIT, phone="0470 12 34 56",
                      user_group_ids=[group["id"]])
    assert inv2["phone"] == "+32470123456"


def test_users_list_pagination_no_duplicates(fresh_server):
    srv = fresh_server
    made = {srv.invite()["user_id"] for _ in range(7)}
    seen, cursor = [], None
    for _ in range(20):
        path = "/api/v1/users?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = srv.get(path, token=srv.token).json
        assert len(page["items"]) <= 3
        seen += [u["id"] for u in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen))
    assert made <= set(seen)
    assert_problem(srv.get("/api/v1/users?cursor=garbage", token=srv.token), 422)
    assert_problem(srv.get("/api/v1/users?limit=0", token=srv.token), 422)
    assert_problem(srv.get("/api/v1/users?status=gone", token=srv.token), 422)


def test_user_patch_external_id_taken_and_validation(server):
    a = server.invite(external_id="EXT-" + unique_email()[:12])
    b = server.invite()
    r = server.patch(f"/api/v1/users/{b['user_id']}", {"external_id": a["external_id"]},
                     token=server.token)
    assert ("external_id", "taken") in field_errors(r)
    r = server.patch(f"/api/v1/users/{b['user_id']}",
                     {"role": "boss", "user_group_ids": [], "job_position": "j" * 101},
                     token=server.token)
    got = field_errors(r)
    assert {("role", "invalid"), ("user_group_ids", "at_least_one_group"),
            ("job_position", "too_long")} <= got, got
