"""R7: reminders on the schedule (default days 3, 10, 20, 30, 45, 53, 57), never a burst,
never within 24 hours of another message, and none after registration."""

from usher_http import DAY, registration_token

HOUR = 3600


def kinds(srv, addr):
    srv.deliver()
    return [str(m["X-Usher-Message"]) for _, m in srv.messages_for(addr)]


def test_r7_reminders_on_schedule_with_working_links(fresh_server):
    srv = fresh_server
    inv = srv.invite()
    assert kinds(srv, inv["email"]) == ["invitation"]
    srv.advance(3 * DAY - 1)
    assert kinds(srv, inv["email"]) == ["invitation"]
    srv.advance(1)
    assert kinds(srv, inv["email"]) == ["invitation", "reminder"]
    got = srv.get_invitation(inv["id"]).json
    assert got["reminders_sent"] == 1
    _, reminder = srv.messages_for(inv["email"])[-1]
    assert reminder["X-Usher-Invitation"] == inv["id"]
    token = registration_token(reminder, srv.public_url)
    srv.advance(6 * DAY)  # day 9
    assert kinds(srv, inv["email"]) == ["invitation", "reminder"]
    srv.advance(DAY)  # day 10
    assert kinds(srv, inv["email"]) == ["invitation", "reminder", "reminder"]
    assert srv.get_invitation(inv["id"]).json["reminders_sent"] == 2
    # R10: the link of an earlier reminder still works.
    assert srv.registration(token).status == 200


def test_r7_after_downtime_only_the_latest_missed_reminder(fresh_server):
    srv = fresh_server
    inv = srv.invite()
    srv.deliver()
    srv.advance(25 * DAY)  # days 3, 10 and 20 all passed at once
    assert kinds(srv, inv["email"]) == ["invitation", "reminder"]
    assert srv.get_invitation(inv["id"]).json["reminders_sent"] == 1
    srv.advance(HOUR)
    assert kinds(srv, inv["email"]) == ["invitation", "reminder"]  # sent at most once
    srv.advance(5 * DAY)  # day 30
    assert kinds(srv, inv["email"]) == ["invitation", "reminder", "reminder"]


def test_r7_reminder_within_24_hours_after_another_message_skipped(fresh_server):
    srv = fresh_server
    inv = srv.invite()
    srv.deliver()
    srv.advance(60 * HOUR)
    assert srv.post(f"/api/v1/invitations/{inv['id']}/resend", token=srv.token).status == 200
    assert kinds(srv, inv["email"]) == ["invitation", "resend"]
    srv.advance(12 * HOUR)  # day 3: the resend was 12 hours ago
    assert kinds(srv, inv["email"]) == ["invitation", "resend"]
    srv.advance(7 * DAY)  # day 10
    assert kinds(srv, inv["email"]) == ["invitation", "resend", "reminder"]


def test_r7_no_reminders_after_registration_or_revoke(fresh_server):
    srv = fresh_server
    registered, _ = srv.invite_and_register()
    revoked = srv.invite()
    srv.deliver()
    srv.delete(f"/api/v1/invitations/{revoked['id']}", token=srv.token)
    srv.advance(11 * DAY)
    assert kinds(srv, registered["email"]) == ["invitation"]
    assert kinds(srv, revoked["email"]) == ["invitation"]
