"""R14: correct a pending invitation; revoke it."""

import uuid

from usher_http import (OMIT, assert_invitation, assert_problem, field_errors, unique_email,
                        unique_phone)


def patch(server, inv_id, body):
    return server.patch(f"/api/v1/invitations/{inv_id}", body, token=server.token)


def test_r14_name_change_keeps_old_link_working(server):
    inv = server.invite(first_name="Jan", last_name="Smit")
    token = server.token_for(inv["email"])
    r = patch(server, inv["id"], {"first_name": "Johan", "last_name": "Smits"})
    assert r.status == 200, r
    assert (r.json["first_name"], r.json["last_name"]) == ("Johan", "Smits")
    reg = server.registration(token)
    assert reg.status == 200, reg
    assert (reg.json["first_name"], reg.json["last_name"]) == ("Johan", "Smits")
    assert server.register(token).status == 201


def test_r14_email_change_kills_old_link_and_sends_to_new_address(server):
    inv = server.invite()
    old_token = server.token_for(inv["email"])
    new_email = unique_email("moved")
    r = patch(server, inv["id"], {"email": new_email})
    assert r.status == 200, r
    assert r.json["email"] == new_email and r.json["channel"] == "email"
    assert r.json["expires_at"] == inv["expires_at"]
    assert_problem(server.registration(old_token), 404, "invalid_link")
    new_token = server.token_for(new_email)
    reg = server.registration(new_token)
    assert reg.status == 200 and reg.json["email"] == new_email
    assert server.register(new_token).status == 201
    # The old address is free again; the new one is taken.
    assert_problem(server.post_invitation(server.invite_form(email=new_email)), 409,
                   "already_registered")


def test_r14_phone_change_kills_old_link(server):
    inv = server.invite(phone=unique_phone())
    token = server.token_for(inv["email"])
    seen = set(server.mail_files())
    r = patch(server, inv["id"], {"phone": unique_phone()})
    assert r.status == 200, r
    assert_problem(server.registration(token), 404, "invalid_link")
    new_token = server.token_for(inv["email"], exclude=seen)
    assert new_token != token and server.registration(new_token).status == 200


def test_r14_r2_adding_email_to_phone_only_invitation_switches_channel(server):
    inv = server.invite(email=OMIT, phone=unique_phone())
    assert inv["channel"] == "sms"
    new_email = unique_email("now-mail")
    r = patch(server, inv["id"], {"email": new_email})
    assert r.status == 200, r
    assert r.json["channel"] == "email" and r.json["phone"] == inv["phone"]
    server.token_for(new_email)


def test_r14_correct_stores_groups_role_language_job_external_id(server):
    inv = server.invite(role="user")
    S, G = server.stores, server.groups
    ext = "X-" + uuid.uuid4().hex[:8]
    body = {"role": "manager", "store_ids": [S[3]["id"], S[0]["id"]],
            "user_group_ids": [G[3]["id"]], "language": "it", "job_position": "Chef",
            "external_id": ext}
    r = patch(server, inv["id"], body)
    assert r.status == 200, r
    got = assert_invitation(r.json)
    assert got["role"] == "manager"
    assert sorted(got["store_ids"]) == sorted([S[3]["id"], S[0]["id"]])
    assert got["user_group_ids"] == [G[3]["id"]]
    assert (got["language"], got["job_position"], got["external_id"]) == ("it", "Chef", ext)
    assert got["email"] == inv["email"] and got["expires_at"] == inv["expires_at"]
    assert server.get_invitation(inv["id"]).json == got
    # Optional fields can be cleared with null.
    r = patch(server, inv["id"], {"job_position": None, "external_id": None})
    assert r.status == 200 and r.json["job_position"] is None and r.json["external_id"] is None


def test_r14_edit_is_validated_like_the_form(server):
    inv = server.invite()
    before = server.get_invitation(inv["id"]).json
    r = patch(server, inv["id"], {"first_name": "", "email": "bad@", "role": "boss",
                                  "user_group_ids": [], "language": "xx",
                                  "store_ids": [uuid.uuid4().hex]})
    got = field_errors(r)
    want = {("first_name", "required"), ("email", "invalid"), ("role", "invalid"),
            ("user_group_ids", "at_least_one_group"), ("language", "unsupported_language"),
            ("store_ids", "unknown_store")}
    assert got == want, {"missing": want - got, "extra": got - want}
    r = patch(server, inv["id"], {"email": None, "phone": None})
    assert ("email", "email_or_phone_required") in field_errors(r)
    assert server.get_invitation(inv["id"]).json == before  # nothing stored


def test_r14_r3_edit_to_an_address_in_use_409(server):
    a, b = server.invite(), server.invite()
    r = patch(server, b["id"], {"email": a["email"].upper()})
    assert assert_problem(r, 409, "already_invited")["invitation_id"] == a["id"]
    assert server.get_invitation(b["id"]).json["email"] == b["email"]


def test_r14_edit_unknown_404(server):
    assert_problem(patch(server, uuid.uuid4().hex, {"first_name": "X"}), 404)


def test_r14_revoke_204_then_404_everywhere(server):
    inv = server.invite()
    total = server.total()
    r = server.delete(f"/api/v1/invitations/{inv['id']}", token=server.token)
    assert r.status == 204 and r.body == b""
    assert_problem(server.get_invitation(inv["id"]), 404, "not_found")
    assert server.total() == total - 1
    assert server.list_invitations(q=inv["email"]).json["total"] == 0
    assert_problem(server.delete(f"/api/v1/invitations/{inv['id']}", token=server.token), 404)
    assert_problem(patch(server, inv["id"], {"first_name": "Back"}), 404)
    assert_problem(server.post(f"/api/v1/invitations/{inv['id']}/resend", token=server.token),
                   404)
    # The invited user's personal data is deleted as in R8.
    assert_problem(server.get(f"/api/v1/users/{inv['user_id']}", token=server.token), 404)
    users = server.get(f"/api/v1/users?q={inv['email']}", token=server.token).json
    assert users["items"] == []


def test_r14_revoke_kills_every_link(server):
    inv = server.invite()
    t1 = server.token_for(inv["email"])
    seen = set(server.mail_files())
    assert server.post(f"/api/v1/invitations/{inv['id']}/resend", token=server.token).status == 200
    t2 = server.token_for(inv["email"], exclude=seen)
    assert server.registration(t1).status == 200
    assert server.delete(f"/api/v1/invitations/{inv['id']}", token=server.token).status == 204
    for t in {t1, t2}:
        assert_problem(server.registration(t), 404, "invalid_link")
        assert_problem(server.register(t), 404, "invalid_link")
