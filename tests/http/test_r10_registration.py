"""R10: the registration link — looking is free, password rules, single use, dead links;
R11: the invitation e-mail itself."""

import base64
import os

import pytest

from usher_http import (DAY, GOOD_PASSWORD, TOKEN, assert_problem, field_errors, fresh_source,
                        registration_token, text_part, unique_email)


def random_token():
    return base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()


def invite_with_token(server, **fields):
    inv = server.invite(**fields)
    return inv, server.token_for(inv["email"])


# ------------------------------------------------------------------ the message (R11)

def test_r11_invitation_email_carries_link_on_its_own_line(server):
    inv = server.invite(first_name="Zoë", last_name="Ñúñez-李", language="nl")
    _, msg = server.wait_message(inv["email"])
    token = registration_token(msg, server.public_url)
    assert TOKEN.match(token)
    assert msg.get_content_type() == "multipart/alternative"
    assert {p.get_content_type() for p in msg.iter_parts()} >= {"text/plain", "text/html"}
    for part in msg.iter_parts():
        assert part.get_content_charset().lower() == "utf-8"
    assert msg["Message-ID"] and msg["Date"]
    assert msg["Content-Language"] == "nl"
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["X-Usher-Message"] == "invitation"
    assert msg["X-Usher-Invitation"] == inv["id"]
    assert msg["To"].addresses[0].addr_spec == inv["email"]
    assert msg["To"].addresses[0].display_name == "Zoë Ñúñez-李"
    with open(server.messages_for(inv["email"])[-1][0], "rb") as f:
        raw_headers = f.read().split(b"\n\n", 1)[0]
    assert all(b < 128 for b in raw_headers), "non-ASCII header: names must be RFC 2047 encoded"
    assert "Zoë" in text_part(msg)  # greets by name


def test_r11_header_injection_through_name_impossible(server):
    r = server.post_invitation(server.invite_form(first_name="Ana\r\nBcc: evil@example.com"))
    assert ("first_name", "invalid") in field_errors(r)


# ------------------------------------------------------------------ looking changes nothing

def test_r10_opening_the_link_twice_changes_nothing(server):
    inv, token = invite_with_token(server, first_name="Lotte", last_name="Maes", language="nl")
    for _ in range(2):
        r = server.registration(token)
        assert r.status == 200, r
        assert r.json["first_name"] == "Lotte" and r.json["email"] == inv["email"]
    got = server.get_invitation(inv["id"])
    assert got.status == 200 and got.json["status"] == "pending"
    assert server.list_invitations(q=inv["email"]).json["total"] == 1
    user = server.get(f"/api/v1/users/{inv['user_id']}", token=server.token).json
    assert user["status"] == "invited"
    r = server.register(token)
    assert r.status == 201, r  # the link still works after being looked at


# ------------------------------------------------------------------ password rules

@pytest.mark.parametrize("password,code", [
    ("", "too_short"),
    ("Xq7!mK2#p", "too_short"),                      # 9 characters
    ("Ünïcødé7ö", "too_short"),                      # 9 characters, more bytes
    ("aB3$" * 32 + "x", "too_long"),                 # 129 characters
    ("password123", "password_too_common"),
    ("Password2024!", "password_too_common"),
    ("qwertyuiop", "password_too_common"),
    ("1234567890", "password_too_common"),
    ("aaaaaaaaaaaa", "password_too_common"),
    ("wilhelmina-rocks-77", "password_contains_name"),  # first name
    ("Xr-VANDENBROECK-9!", "password_contains_name"),    # last name, other case
])
def test_r10_bad_password_422_and_link_still_works(server, password, code):
    inv, token = invite_with_token(server, first_name="Wilhelmina", last_name="Vandenbroeck")
    r = server.register(token, password)
    assert ("password", code) in field_errors(r)
    assert server.registration(token).status == 200
    got = server.get(f"/api/v1/users/{inv['user_id']}", token=server.token).json
    assert got["status"] == "invited"


def test_r10_password_containing_email_local_part_refused(server):
    addr = unique_email("kwartelkoning")
    inv, token = invite_with_token(server, email=addr)
    local = addr.split("@")[0]
    assert ("password", "password_contains_name") in field_errors(
        server.register(token, f"Zz!{local}!Zz"))


def test_r10_unsupported_language_refused(server):
    _, token = invite_with_token(server)
    assert ("language", "unsupported_language") in field_errors(
        server.register(token, GOOD_PASSWORD, "xx"))


@pytest.mark.parametrize("password", ["Zq7!mK2#pL", "Zq7!mK2#pL" * 12 + "Zq7!mK2#"])
def test_r10_password_of_10_and_128_characters_accepted(server, password):
    assert len(password) in (10, 128)
    _, token = invite_with_token(server)
    assert server.register(token, password).status == 201


# ------------------------------------------------------------------ use

def test_r10_register_201_then_link_is_dead(server):
    inv, token = invite_with_token(server)
    total = server.total()
    r = server.register(token, GOOD_PASSWORD, "fr")
    assert r.status == 201, r
    assert r.json == {"user_id": inv["user_id"]}
    assert_problem(server.registration(token), 404, "invalid_link")
    assert_problem(server.register(token, GOOD_PASSWORD), 404, "invalid_link")
    user = server.get(f"/api/v1/users/{inv['user_id']}", token=server.token).json
    assert user["status"] == "active" and user["activated_at"] is not None
    assert user["language"] == "fr"
    assert server.total() == total - 1  # left the Invited users tab
    assert server.list_invitations(q=inv["email"]).json["items"] == []


@pytest.mark.parametrize("token", [
    "A" * 43, "abc", "A" * 44, "A" * 42, "A" * 42 + "=", "A" * 42 + "%3D", "A" * 42 + ".",
    "A" * 42 + "%00", "A" * 42 + "%FF", "%F0%9F%98%80" * 11, "A" * 2000,
])
def test_r10_unknown_or_malformed_token_404_invalid_link(server, token):
    assert_problem(server.get(f"/api/v1/registration/{token}", source=fresh_source()), 404,
                   "invalid_link")
    assert_problem(server.post(f"/api/v1/registration/{token}",
                               {"password": GOOD_PASSWORD, "language": "en"},
                               source=fresh_source()), 404, "invalid_link")


def test_r10_random_well_formed_token_404_invalid_link(server):
    assert_problem(server.registration(random_token()), 404, "invalid_link")


def test_r10_r14_revoked_invitation_link_404_invalid_link(server):
    inv, token = invite_with_token(server)
    assert server.delete(f"/api/v1/invitations/{inv['id']}", token=server.token).status == 204
    assert_problem(server.registration(token), 404, "invalid_link")
    assert_problem(server.register(token), 404, "invalid_link")


def test_r10_expired_invitation_link_404_invalid_link(fresh_server):
    srv = fresh_server
    inv, token = invite_with_token(srv)
    srv.advance(60 * DAY - 1)
    assert srv.registration(token).status == 200
    srv.advance(1)
    assert_problem(srv.registration(token), 404, "invalid_link")
    assert_problem(srv.register(token), 404, "invalid_link")


def test_r15_registration_rate_limited_per_client(server):
    source = fresh_source()
    statuses = [server.get(f"/api/v1/registration/{random_token()}", source=source).status
                for _ in range(40)]
    assert 429 in statuses, statuses
    first = statuses.index(429)
    assert set(statuses[:first]) == {404}
    r = server.get(f"/api/v1/registration/{random_token()}", source=source)
    assert_problem(r, 429, "too_many_attempts")
    assert r.header("Retry-After") and int(r.header("Retry-After")) > 0
    # Another client is not affected.
    assert server.get(f"/api/v1/registration/{random_token()}",
                      source=fresh_source()).status == 404


def test_r12_messages_in_the_chosen_language(server):
    languages = ["en", "nl", "fr", "de", "es", "it", "pt", "pl"]
    invs = {lang: server.invite(first_name="Mia", language=lang) for lang in languages}
    subjects, texts = {}, {}
    for lang, inv in invs.items():
        _, msg = server.wait_message(inv["email"])
        assert msg["Content-Language"] == lang
        subjects[lang] = str(msg["Subject"])
        texts[lang] = "\n".join(l for l in text_part(msg).splitlines() if "/register/" not in l)
        assert "Mia" in texts[lang]
        assert TOKEN.match(registration_token(msg, server.public_url))
    assert len(set(subjects.values())) == len(languages), subjects
    assert len(set(texts.values())) == len(languages)
