"""R6: resend, its 24-hour cooldown, and that it never extends the expiry."""

import datetime
import threading
import uuid

from usher_http import (DAY, TOKEN, assert_invitation, assert_problem, http_request,
                        registration_token)

HOUR = 3600


def t(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


def resend(server, inv_id):
    return server.post(f"/api/v1/invitations/{inv_id}/resend", token=server.token)


def test_r6_never_resent_invitation_can_be_resent_200(server):
    inv = server.invite()
    now = server.now()
    assert inv["resend_available_at"] == now
    r = resend(server, inv["id"])
    assert r.status == 200, r
    after = assert_invitation(r.json)
    assert after["id"] == inv["id"] and after["status"] == "pending"
    assert after["resend_count"] == 1
    assert after["expires_at"] == inv["expires_at"]
    assert t(after["resend_available_at"]) == t(now) + datetime.timedelta(days=1)
    got = server.get_invitation(inv["id"]).json
    assert got["resend_count"] == 1 and got["resend_available_at"] == after["resend_available_at"]


def test_r6_resend_cooldown_429_with_retry_after(server):
    inv = server.invite()
    first = resend(server, inv["id"]).json
    r = resend(server, inv["id"])
    body = assert_problem(r, 429, "resend_cooldown")
    assert body["resend_available_at"] == first["resend_available_at"]
    assert r.header("Retry-After") == str(DAY)
    server.advance(HOUR)
    r = resend(server, inv["id"])
    body = assert_problem(r, 429, "resend_cooldown")
    assert body["resend_available_at"] == first["resend_available_at"]
    assert r.header("Retry-After") == str(DAY - HOUR)
    got = server.get_invitation(inv["id"]).json
    assert got["resend_count"] == 1  # the refused resends changed nothing
    assert got["resend_available_at"] == first["resend_available_at"]
    listed = server.list_invitations(q=inv["email"]).json["items"][0]
    assert listed["resend_available_at"] == first["resend_available_at"]


def test_r6_available_again_after_24_hours_expiry_unchanged(server):
    inv = server.invite()
    assert resend(server, inv["id"]).status == 200
    server.advance(DAY - 1)
    r = resend(server, inv["id"])
    assert_problem(r, 429, "resend_cooldown")
    assert r.header("Retry-After") == "1"
    server.advance(1)
    got = server.get_invitation(inv["id"]).json
    assert got["resend_available_at"] == server.now()  # available now
    r = resend(server, inv["id"])
    assert r.status == 200, r
    assert r.json["resend_count"] == 2
    assert r.json["expires_at"] == inv["expires_at"]  # R6: never extended
    assert r.json["days_left"] == 59
    assert_problem(resend(server, inv["id"]), 429, "resend_cooldown")


def test_r6_cooldown_is_per_invitation(server):
    a, b = server.invite(), server.invite()
    assert resend(server, a["id"]).status == 200
    assert resend(server, b["id"]).status == 200


def test_r6_resend_unknown_or_revoked_404(server):
    assert_problem(resend(server, uuid.uuid4().hex), 404)
    inv = server.invite()
    assert server.delete(f"/api/v1/invitations/{inv['id']}", token=server.token).status == 204
    assert_problem(resend(server, inv["id"]), 404)


def test_r6_r10_resend_sends_a_new_working_link_old_one_still_works(server):
    inv = server.invite(language="de")
    path1, msg1 = server.wait_message(inv["email"])
    assert msg1["X-Usher-Message"] == "invitation"
    assert resend(server, inv["id"]).status == 200
    path2, msg2 = server.wait_message(inv["email"], exclude={path1})
    assert msg2["X-Usher-Message"] == "resend"
    assert msg2["X-Usher-Invitation"] == inv["id"]
    assert msg2["Content-Language"] == "de"
    t1 = registration_token(msg1, server.public_url)
    t2 = registration_token(msg2, server.public_url)
    assert TOKEN.match(t1) and TOKEN.match(t2) and t1 != t2
    # R10: every link sent works until the invitation ends.
    assert server.registration(t1).status == 200
    assert server.registration(t2).status == 200
    assert server.register(t1).status == 201
    assert_problem(server.registration(t2), 404, "invalid_link")  # all tokens stop at once
    assert_problem(resend(server, inv["id"]), 404)  # accepted: nothing to resend


def test_r6_concurrent_resends_exactly_one_wins(server):
    inv = server.invite()
    n = 10
    results = [None] * n
    barrier = threading.Barrier(n)

    def go(i):
        barrier.wait()
        results[i] = http_request(server.port, "POST", f"/api/v1/invitations/{inv['id']}/resend",
                                  token=server.token)

    threads = [threading.Thread(target=go, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    statuses = sorted(r.status for r in results)
    assert statuses == [200] + [429] * (n - 1), statuses
    for r in results:
        if r.status == 429:
            assert_problem(r, 429, "resend_cooldown")
            assert r.header("Retry-After")
    assert server.get_invitation(inv["id"]).json["resend_count"] == 1
