"""R5, R7, R8: the whole 60 days of an invitation on the test clock: every reminder once,
the markers, then the erasure, after which the invitee's personal data is in no byte of
the database files and in no log line."""

import os

import pytest

from conftest import finish
from usher_http import DAY, UsherServer, registration_token, text_part, unique, unique_phone

REMINDER_DAYS = [3, 10, 20, 30, 45, 53, 57]


@pytest.fixture
def lifecycle_server(smtp, kannel):
    srv = UsherServer(extra_args=["--smtp", smtp.url, "--sms-url", kannel.url]).start()
    yield srv
    finish(srv)


def personal_data(first, last, address, phone):
    data = [first, last, address, address.lower(), phone, phone[1:]]
    return [d.encode("utf-8") for d in data]


def test_r7_r8_sixty_days_of_an_invitation(lifecycle_server, smtp, kannel):
    srv = lifecycle_server
    first, last = "Zoë", f"Ñúñez-李{unique('x')}"
    address = f"{unique('zoe.lifecycle')}@example.com"
    phone = unique_phone()
    inv = srv.invite(first_name=first, last_name=last, email=address, language="fr")
    sms_inv = srv.invite(first_name=first, last_name=last, email=None, phone=phone,
                         language="de")
    srv.deliver()
    assert len(smtp.messages_to(address)) == 1

    reminders_on = {}
    for day in range(1, 60):
        srv.advance(DAY)
        got = srv.get_invitation(inv["id"]).json
        assert got["days_left"] == 60 - day
        expected_marker = "red" if 60 - day <= 3 else "yellow" if 60 - day <= 7 else "none"
        assert got["marker"] == expected_marker, (day, got["marker"])
        reminders = [m for m in smtp.messages_to(address) if m["X-Usher-Message"] == "reminder"]
        if len(reminders) > sum(reminders_on.values()):
            reminders_on[day] = len(reminders) - sum(reminders_on.values())
            latest = reminders[-1]
            assert registration_token(latest, srv.public_url)
            if day in (53, 57):  # the yellow and red reminders say how many days are left
                assert str(60 - day) in text_part(latest), text_part(latest)
    assert reminders_on == {d: 1 for d in REMINDER_DAYS}
    assert srv.get_invitation(inv["id"]).json["reminders_sent"] == 7
    sms = kannel.messages_to(phone)
    assert len(sms) == 1 + len(REMINDER_DAYS), sms  # the invitation and 7 reminders by SMS
    assert all(f"{srv.public_url}/register/" in text for text in sms)

    srv.advance(DAY)  # day 60: expired, erased within the same pass of the due work
    for i in (inv, sms_inv):
        r = srv.get_invitation(i["id"])
        assert r.status == 404, r
    assert srv.get("/api/v1/users?q=" + address, token=srv.token).json["items"] == []

    # Erased means gone from the database files too (secure_delete + WAL checkpoint).
    srv.stop()
    files = [srv.db_path + suffix for suffix in ("", "-wal", "-shm")]
    for path in files:
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            raw = f.read()
        for needle in personal_data(first, last, address, phone):
            assert needle not in raw, f"{needle!r} still in {os.path.basename(path)}"
    log = srv.log_text().encode()
    for needle in personal_data(first, last, address, phone):
        assert needle not in log, f"{needle!r} in the log"
    srv.restart()  # the fixture stops it again
