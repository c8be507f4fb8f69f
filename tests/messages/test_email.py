"""R11: invitation e-mails delivered over SMTP to a real aiosmtpd, read back and checked."""

import email.utils
import re

from usher_http import DAY, registration_token, text_part, unique


def deliver_until(usher, smtp, address, n=1, rounds=20):
    for _ in range(rounds):
        usher.deliver()
        msgs = smtp.messages_to(address)
        if len(msgs) >= n:
            return msgs
    raise AssertionError(f"{n} message(s) to {address} never arrived; got {len(msgs)}")


def test_r11_invitation_email_headers_parts_and_link(usher, smtp):
    address = f"{unique('zoe')}@example.com"
    inv = usher.invite(first_name="Zoë", last_name="Ñúñez-李", email=address, language="nl")
    [msg] = deliver_until(usher, smtp, address)

    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(preferencelist=("plain",))
    html = msg.get_body(preferencelist=("html",))
    assert plain.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    # RFC 2047: the raw header is ASCII, the decoded name is the invitee's.
    [raw] = smtp.raw_headers_to(address)
    assert raw.isascii(), raw
    assert b"=?utf-8?" in raw.lower()
    assert msg["To"].addresses[0].display_name == "Zoë Ñúñez-李"
    assert msg["To"].addresses[0].addr_spec == address
    assert msg["From"].addresses[0].display_name == "Demo Retail"
    assert msg["From"].addresses[0].addr_spec == "invites@demo-retail.example"
    assert re.fullmatch(r"<[^@<>\s]+@[^@<>\s]+>", str(msg["Message-ID"]).strip())
    assert email.utils.parsedate_to_datetime(str(msg["Date"])) is not None
    assert msg["Content-Language"] == "nl"
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["X-Usher-Message"] == "invitation"
    assert msg["X-Usher-Invitation"] == inv["id"]
    assert "Demo Retail" in msg["Subject"]

    text = text_part(msg)
    assert "Zoë" in text
    token = registration_token(msg, usher.public_url)
    link = f"{usher.public_url}/register/{token}"
    assert f'href="{link}"' in html.get_content()
    # The link works and opening it changes nothing (R10).
    for _ in range(2):
        r = usher.registration(token)
        assert r.status == 200 and r.json["first_name"] == "Zoë", r
    got = usher.get_invitation(inv["id"]).json
    assert got["delivery"] == "sent" and got["last_sent_at"] is not None


def test_r11_header_injection_through_names_is_impossible(usher, smtp):
    address = f"{unique('inj')}@example.com"
    r = usher.post_invitation(usher.invite_form(first_name="Eve\r\nBcc: victim@example.com",
                                                email=address))
    assert r.status == 422  # control characters are refused (R1)
    usher.invite(first_name='Eve "Bcc: victim@example.com"', last_name="<x@y.z>", email=address)
    [msg] = deliver_until(usher, smtp, address)
    assert msg["Bcc"] is None
    assert [a.addr_spec for a in msg["To"].addresses] == [address]
    assert "victim" not in (msg["X-RcptTo"] or "")


def test_r11_resend_and_reminder_say_what_they_are(usher, smtp):
    address = f"{unique('kinds')}@example.com"
    inv = usher.invite(email=address)
    deliver_until(usher, smtp, address, 1)
    assert usher.post(f"/api/v1/invitations/{inv['id']}/resend", token=usher.token).status == 200
    deliver_until(usher, smtp, address, 2)
    usher.advance(3 * DAY)  # the first reminder (day 3), more than 24 h after the resend
    msgs = deliver_until(usher, smtp, address, 3)
    kinds = sorted(m["X-Usher-Message"] for m in msgs)
    assert kinds == ["invitation", "reminder", "resend"]
    tokens = {registration_token(m, usher.public_url) for m in msgs}
    assert len(tokens) == 3  # every message has its own link, and every one works (R10)
    for t in tokens:
        assert usher.registration(t).status == 200


def test_r11_temporary_failure_is_retried_with_backoff(usher, smtp):
    address = f"{unique('later')}@tempfail.example"  # the sink answers 451 once
    inv = usher.invite(email=address)
    usher.deliver()
    assert smtp.messages_to(address) == []
    assert usher.get_invitation(inv["id"]).json["delivery"] == "retrying"
    usher.advance(20)  # the first retry waits 24..36 s
    assert smtp.messages_to(address) == []
    usher.advance(20)
    [msg] = smtp.messages_to(address)
    token = registration_token(msg, usher.public_url)
    assert usher.registration(token).status == 200
    assert usher.get_invitation(inv["id"]).json["delivery"] == "sent"


def test_r11_permanent_failure_marks_the_invitation_undeliverable(usher, smtp):
    address = f"{unique('nobody')}@reject.example"  # the sink answers 550 5.1.1
    inv = usher.invite(email=address)
    usher.deliver()
    got = usher.get_invitation(inv["id"]).json
    assert got["delivery"] == "failed"
    usher.advance(2 * 3600)
    assert smtp.messages_to(address) == []
    assert usher.get_invitation(inv["id"]).json["delivery"] == "failed"
