"""R2, R11: invitations with only a phone number go as SMS through a real Kannel."""

import time

from usher_http import unique_phone


def wait_sms(kannel, phone, n=1, timeout=10):
    """The texts of the SMS that reached the fake SMSC for `phone` (parts joined)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = kannel.messages_to(phone)
        if len(got) >= n:
            return got
        time.sleep(0.1)
    raise AssertionError(f"no SMS to {phone}; fakesmsc got {kannel.received()}")


def test_r2_r11_phone_only_invitation_goes_by_sms_with_the_link(usher, kannel):
    phone = unique_phone()
    inv = usher.invite(email=None, phone=phone, first_name="Piotr", language="pl")
    assert inv["channel"] == "sms"
    usher.deliver()
    [line] = wait_sms(kannel, phone)
    assert f"{usher.public_url}/register/" in line
    token = line.split(f"{usher.public_url}/register/")[1][:43]
    r = usher.registration(token)
    assert r.status == 200 and r.json["first_name"] == "Piotr", r
    assert usher.get_invitation(inv["id"]).json["delivery"] == "sent"


def test_r2_email_takes_precedence_over_phone(usher, kannel, smtp):
    phone = unique_phone()
    inv = usher.invite(phone=phone)  # with an e-mail too
    assert inv["channel"] == "email"
    usher.deliver()
    time.sleep(0.5)
    assert not kannel.messages_to(phone)
    assert smtp.messages_to(inv["email"])


def test_r11_non_gsm_names_still_reach_the_phone(usher, kannel):
    phone = unique_phone()
    usher.invite(email=None, phone=phone, first_name="Zoë Ñúñez-李", language="es")
    usher.deliver()
    [line] = wait_sms(kannel, phone)
    assert f"{usher.public_url}/register/" in line
