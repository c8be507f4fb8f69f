"""R8 (expiry erases, not flags) and R14 (revoke erases as in R8): afterwards the invitee's
personal data is gone from the API and from the database files themselves."""

import glob
import os
import uuid

import pytest

from usher_http import DAY, assert_problem, unique_phone


def personal(tag):
    return {"first_name": f"Quintavius{tag}", "last_name": f"Zwolsmeerdijk{tag}",
            "email": f"quintavius.erasure.{tag}@example.com", "phone": unique_phone(),
            "external_id": f"ERASE-{tag}", "job_position": f"Kaasmeester{tag}"}


def needles(p):
    out = set()
    for key in ("first_name", "last_name", "email", "external_id", "job_position"):
        out |= {p[key], p[key].lower(), p[key].upper()}
    out.add(p["phone"])
    out.add(p["phone"][3:])  # the national significant number
    return {n.encode("utf-8") for n in out} | {n.encode("utf-16-le") for n in out}


def database_bytes(srv):
    files = glob.glob(os.path.join(srv.tmp, "usher.db*"))
    assert files, os.listdir(srv.tmp)
    data = b""
    for f in files:
        with open(f, "rb") as fh:
            data += fh.read()
    return data


@pytest.mark.parametrize("how", ["expiry", "revoke"])
def test_r8_r14_erased_personal_data_is_gone_from_api_and_database_files(fresh_server, how):
    srv = fresh_server
    tag = uuid.uuid4().hex[:8]
    p = personal(tag)
    inv = srv.invite(**p)
    srv.token_for(p["email"])  # delivered: the outbox row and token exist
    srv.post(f"/api/v1/invitations/{inv['id']}/resend", token=srv.token)
    srv.deliver()
    if how == "expiry":
        srv.advance(30 * DAY)
    keep = srv.invite(first_name="Kept", last_name="Person")  # invited later: not expired
    if how == "expiry":
        srv.advance(30 * DAY)
    else:
        assert srv.delete(f"/api/v1/invitations/{inv['id']}", token=srv.token).status == 204
    assert_problem(srv.get_invitation(inv["id"]), 404)
    assert_problem(srv.get(f"/api/v1/users/{inv['user_id']}", token=srv.token), 404)
    assert srv.get(f"/api/v1/users?q={p['email']}", token=srv.token).json["items"] == []
    assert srv.get_invitation(keep["id"]).status == 200
    assert srv.stop() == 0  # let SQLite checkpoint its WAL
    data = database_bytes(srv)
    assert b"Kept" in data  # the check can see stored data at all
    found = [n for n in needles(p) if n in data]
    assert not found, f"erased personal data still in the database files: {found}"
