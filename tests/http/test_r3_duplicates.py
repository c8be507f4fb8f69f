"""R3: no duplicates within a company; the same person may be invited by another one."""

import threading
import uuid

from usher_http import OMIT, assert_problem, http_request, unique_email, unique_phone


def test_r3_already_invited_409_with_invitation_id(server):
    inv = server.invite()
    before = server.total()
    r = server.post_invitation(server.invite_form(email=inv["email"], first_name="Other"))
    body = assert_problem(r, 409, "already_invited")
    assert body["invitation_id"] == inv["id"]
    assert server.total() == before
    # The id is the one to resend with.
    assert server.post(f"/api/v1/invitations/{body['invitation_id']}/resend",
                       token=server.token).status == 200


def test_r3_email_compared_case_insensitively(server):
    local = "Case.Mixed." + uuid.uuid4().hex[:8]
    inv = server.invite(email=f"{local}@Example.com")
    for variant in (f"{local.lower()}@example.com", f"{local.upper()}@EXAMPLE.COM"):
        r = server.post_invitation(server.invite_form(email=variant))
        assert assert_problem(r, 409, "already_invited")["invitation_id"] == inv["id"]


def test_r3_same_phone_already_invited(server):
    phone = unique_phone()  # +32476xxxxxx
    inv = server.invite(email=OMIT, phone=phone)
    national = "0" + phone[3:6] + " " + phone[6:8] + " " + phone[8:10] + " " + phone[10:]
    for variant in (phone, national):
        r = server.post_invitation(server.invite_form(email=OMIT, phone=variant))
        assert assert_problem(r, 409, "already_invited")["invitation_id"] == inv["id"]
    # Also when the phone comes with another, new e-mail address.
    r = server.post_invitation(server.invite_form(email=unique_email(), phone=phone))
    assert assert_problem(r, 409, "already_invited")["invitation_id"] == inv["id"]


def test_r3_phone_of_an_email_invitation_counts(server):
    phone = unique_phone()
    inv = server.invite(phone=phone)
    r = server.post_invitation(server.invite_form(email=OMIT, phone=phone))
    assert assert_problem(r, 409, "already_invited")["invitation_id"] == inv["id"]


def test_r3_already_registered_after_registering(server):
    phone = unique_phone()
    inv, _ = server.invite_and_register(phone=phone)
    before = server.total()
    r = server.post_invitation(server.invite_form(email=inv["email"]))
    assert_problem(r, 409, "already_registered")
    r = server.post_invitation(server.invite_form(email=inv["email"].upper()))
    assert_problem(r, 409, "already_registered")
    r = server.post_invitation(server.invite_form(email=OMIT, phone=phone))
    assert_problem(r, 409, "already_registered")
    assert server.total() == before


def test_r3_same_email_may_be_invited_by_second_company(server):
    inv = server.invite()
    group = server.other_group()
    r = server.post_invitation(server.invite_form(email=inv["email"],
                                                  user_group_ids=[group["id"]]),
                               token=server.token2)
    assert r.status == 201, r
    inv2 = r.json
    assert inv2["id"] != inv["id"] and inv2["email"] == inv["email"]
    # Each company sees only its own.
    assert server.list_invitations(q=inv["email"]).json["total"] == 1
    assert server.list_invitations(token=server.token2, q=inv["email"]).json["total"] == 1
    # And the duplicate rule holds inside the second company too.
    r = server.post_invitation(server.invite_form(email=inv["email"],
                                                  user_group_ids=[group["id"]]),
                               token=server.token2)
    assert assert_problem(r, 409, "already_invited")["invitation_id"] == inv2["id"]


def test_r3_same_phone_may_be_invited_by_second_company(server):
    phone = unique_phone()
    server.invite(email=OMIT, phone=phone)
    group = server.other_group()
    r = server.post_invitation(server.invite_form(email=OMIT, phone=phone,
                                                  user_group_ids=[group["id"]]),
                               token=server.token2)
    assert r.status == 201, r


def test_r3_r14_after_revoke_the_address_can_be_invited_again(server):
    inv = server.invite()
    assert server.delete(f"/api/v1/invitations/{inv['id']}", token=server.token).status == 204
    again = server.invite(email=inv["email"])
    assert again["id"] != inv["id"]


def test_r3_concurrent_invites_of_one_address_exactly_one_wins(server):
    addr = unique_email("race")
    forms = [server.invite_form(email=addr if i % 2 else addr.upper(), first_name=f"Racer{i}")
             for i in range(12)]
    results = [None] * len(forms)
    barrier = threading.Barrier(len(forms))

    def go(i):
        barrier.wait()
        results[i] = http_request(server.port, "POST", "/api/v1/invitations", forms[i],
                                  token=server.token)

    threads = [threading.Thread(target=go, args=(i,)) for i in range(len(forms))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    statuses = sorted(r.status for r in results)
    assert statuses == [201] + [409] * (len(forms) - 1), statuses
    winner = next(r.json for r in results if r.status == 201)
    for r in results:
        if r.status == 409:
            assert assert_problem(r, 409, "already_invited")["invitation_id"] == winner["id"]
    assert server.list_invitations(q=addr).json["total"] == 1
