"""R5, R6, R14 through the CMS: the Invited users tab (markers in colour and words,
filters, sort, search, pages), resend with its cooldown, revoke, edit, and R15 tenant
isolation of every action."""

import os
import re
import subprocess
import tempfile
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cms_client import assert_field_error, assert_labelled, invite_form, logged_in, query_of
from usher_http import DAY, free_port, unique

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture(scope="module")
def admin(server):
    server.token  # the API token first: logins of one account are rate-limited (R15)
    return logged_in(server)


def local(rfc3339):
    return datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).astimezone(BRUSSELS)


def marker_span(page, inv_id):
    row = page.row(inv_id)
    assert row, f"no row for {inv_id}"
    m = re.search(r'<span class="marker (marker-\w+)">([^<]*)</span>', row)
    return m.group(1), m.group(2)


def test_r5_markers_in_colour_and_words(fresh_server):
    srv = fresh_server
    b = logged_in(srv)
    a = srv.invite(last_name="Early")
    srv.advance(5 * DAY)
    later = srv.invite(last_name="Later")
    srv.advance(53 * DAY)  # a: 2 days left, later: 7 days left
    fresh = srv.invite(last_name="Fresh")
    page = b.get("/cms/invitations")
    assert page.status == 200
    assert marker_span(page, a["id"]) == ("marker-red", "Expires in 2 days")
    assert marker_span(page, later["id"]) == ("marker-yellow", "Expires in 7 days")
    assert marker_span(page, fresh["id"]) == ("marker-none", "Expires in 60 days")
    # Default order: soonest expiry first.
    assert page.row_ids() == [a["id"], later["id"], fresh["id"]]
    for marker, wanted in (("red", a), ("yellow", later), ("none", fresh)):
        filtered = b.get(f"/cms/invitations?marker={marker}")
        assert filtered.row_ids() == [wanted["id"]], marker
        assert filtered.selected("marker") == [marker]
    # The last day: "today" or "tomorrow" as the company's calendar says.
    srv.advance(int(1.5 * DAY))
    now = srv.now()
    inv = srv.get_invitation(a["id"]).json
    assert inv["days_left"] == 1
    same_day = local(now).date() == local(inv["expires_at"]).date()
    page = b.get("/cms/invitations")
    assert marker_span(page, a["id"]) == \
        ("marker-red", "Expires today" if same_day else "Expires tomorrow")


def test_r5_columns_filters_sort_and_search(server, admin):
    tag = unique("srt")
    manager = server.invite(last_name="Zeger", external_id=f"{tag}-1", role="manager",
                            store_ids=[server.stores[0]["id"]], job_position="Floor lead")
    alpha = server.invite(last_name="Aerts", external_id=f"{tag}-2",
                          user_group_ids=[server.groups[1]["id"]])
    mid = server.invite(last_name="Maes", external_id=f"{tag}-3", phone="+32470000111",
                        email=None)
    page = admin.get(f"/cms/invitations?q={tag}&sort=last_name")
    assert page.status == 200
    assert page.row_ids() == [alpha["id"], mid["id"], manager["id"]]
    assert page.selected("sort") == ["last_name"]
    assert page.value("q") == tag
    assert_labelled(page)
    row = page.row(manager["id"])
    assert "Test Zeger" in row and manager["email"] in row and "Manager" in row
    assert "Antwerpen Meir" in row and "Floor lead" in row
    assert "+32470000111" in page.row(mid["id"])  # the login is the phone without e-mail
    assert server.groups[1]["name"] in page.row(alpha["id"])
    assert "Pending invitations: 3" in page.text
    only_managers = admin.get(f"/cms/invitations?q={tag}&role=manager")
    assert only_managers.row_ids() == [manager["id"]]
    by_store = admin.get(f"/cms/invitations?q={tag}&store_id={server.stores[0]['id']}")
    assert by_store.row_ids() == [manager["id"]]
    assert by_store.selected("store_id") == [server.stores[0]["id"]]
    by_group = admin.get(f"/cms/invitations?q={tag}&user_group_id={server.groups[1]['id']}")
    assert by_group.row_ids() == [alpha["id"]]
    assert admin.get("/cms/invitations?q=nobody-has-this-name").row_ids() == []
    assert "No pending invitations found." in \
        admin.get("/cms/invitations?q=nobody-has-this-name").text
    # Nonsense in the query does not break the page.
    assert admin.get(f"/cms/invitations?q={tag}&marker=blue&sort=x&cursor=zzz").status == 200
    # Tabs: Invited users is the current one.
    assert '<a href="/cms/invitations" aria-current="page">Invited users</a>' in page.html


def test_r5_pages_with_a_cursor(server, admin):
    tag = unique("pg")
    ids = {server.invite(external_id=f"{tag}-{n}")["id"] for n in range(51)}
    first = admin.get(f"/cms/invitations?q={tag}")
    assert len(first.row_ids()) == 50
    m = re.search(r'<a href="([^"]+)" rel="next">Next page</a>', first.html)
    assert m, "no link to the next page"
    second = admin.get(m.group(1).replace("&amp;", "&"))
    assert len(second.row_ids()) == 1
    assert set(first.row_ids()) | set(second.row_ids()) == ids
    assert "First page" in second.text and 'rel="next"' not in second.html
    assert query_of(m.group(1).replace("&amp;", "&"))["q"] == tag  # filters are kept


def test_r6_resend_then_cooldown_shown_in_the_company_time_zone(server, admin):
    inv = server.invite()
    tag_query = f"q={inv['email']}"
    page = admin.get(f"/cms/invitations?{tag_query}")
    row = page.row(inv["id"])
    assert f'action="/cms/invitations/{inv["id"]}/resend"' in row
    assert "disabled" not in row
    r = admin.post(f"/cms/invitations/{inv['id']}/resend",
                   {"csrf": page.csrf(), "back": tag_query})
    assert r.status == 303
    assert query_of(r.location) == {"q": inv["email"], "notice": "resent"}
    page = admin.get(r.location)
    assert "The invitation was sent again." in page.notice()
    api = server.get_invitation(inv["id"]).json
    assert api["resend_count"] == 1
    available = local(api["resend_available_at"])
    wanted = f"Available again at {available:%H:%M}, {available.day} {available:%B}"
    row = page.row(inv["id"])
    assert re.search(r"<button type=\"button\" class=\"small\" disabled", row), row
    assert wanted in row, (wanted, row)
    assert f'action="/cms/invitations/{inv["id"]}/resend"' not in row
    # Posting anyway (another tab): refused, with the same time.
    r = admin.post(f"/cms/invitations/{inv['id']}/resend", {"csrf": page.csrf()})
    assert r.status == 429 and r.header("Retry-After")
    assert wanted in r.text
    assert server.get_invitation(inv["id"]).json["resend_count"] == 1


def test_r14_revoke_with_a_confirmation_page(server, admin):
    inv = server.invite(first_name="Rita", last_name="Revoke")
    page = admin.get(f"/cms/invitations/{inv['id']}/revoke")
    assert page.status == 200
    assert page.h1() == "Revoke invitation"
    assert "Rita Revoke" in page.text and inv["email"] in page.text
    assert ">Revoke invitation</button>" in page.html
    assert server.get_invitation(inv["id"]).status == 200  # GET changes nothing
    r = admin.post(f"/cms/invitations/{inv['id']}/revoke", {"csrf": page.csrf()})
    assert r.status == 303 and query_of(r.location)["notice"] == "revoked"
    assert server.get_invitation(inv["id"], ).status == 404
    assert inv["id"] not in admin.get("/cms/invitations").row_ids()
    gone = admin.get(f"/cms/invitations/{inv['id']}/revoke")
    assert gone.status == 404 and gone.h1() == "Not found"


def test_r14_edit_a_pending_invitation(server, admin):
    inv = server.invite(first_name="Edda", last_name="Edit", job_position="Cashier")
    page = admin.get(f"/cms/invitations/{inv['id']}/edit")
    assert page.status == 200 and page.h1() == "Edit invitation"
    assert page.value("first_name") == "Edda" and page.value("email") == inv["email"]
    assert page.value("job_position") == "Cashier"
    assert page.selected("user_group_ids") == inv["user_group_ids"]
    assert page.control("agreement_accepted") is None
    assert_labelled(page)
    form = invite_form(server, first_name="Edda", last_name="Edit", email=inv["email"],
                       role="manager", store_ids=[], agreement_accepted=False)
    bad = admin.post(f"/cms/invitations/{inv['id']}/edit", form + [("csrf", page.csrf())])
    assert bad.status == 422
    assert_field_error(bad, "store_ids")
    assert bad.selected("role") == ["manager"]
    form = invite_form(server, first_name="Edith", last_name="Edit", email=inv["email"],
                       role="manager", store_ids=[server.stores[3]["id"]],
                       job_position="", language="fr", agreement_accepted=False)
    r = admin.post(f"/cms/invitations/{inv['id']}/edit", form + [("csrf", page.csrf())])
    assert r.status == 303 and query_of(r.location)["notice"] == "saved"
    after = server.get_invitation(inv["id"]).json
    assert (after["first_name"], after["role"], after["language"]) == ("Edith", "manager", "fr")
    assert after["store_ids"] == [server.stores[3]["id"]]
    assert after["job_position"] is None  # a blank optional field is cleared


def test_r15_another_companys_invitation_is_not_found(server, admin):
    group = server.other_group()
    theirs = server.invite(token=server.token2, user_group_ids=[group["id"]])
    page = admin.get("/cms/invitations")
    assert theirs["id"] not in page.row_ids()
    csrf = page.csrf()
    for path in (f"/cms/invitations/{theirs['id']}/edit",
                 f"/cms/invitations/{theirs['id']}/revoke"):
        r = admin.get(path)
        assert r.status == 404 and r.h1() == "Not found", path
        assert theirs["email"] not in r.html
    for path in (f"/cms/invitations/{theirs['id']}/resend",
                 f"/cms/invitations/{theirs['id']}/revoke",
                 f"/cms/invitations/{theirs['id']}/edit"):
        r = admin.post(path, invite_form(server, first_name="Hijack") + [("csrf", csrf)])
        assert r.status == 404, path
    after = server.get_invitation(theirs["id"], token=server.token2).json
    assert after["status"] == "pending" and after["resend_count"] == 0
    assert after["first_name"] == theirs["first_name"]
    # A missing id looks the same.
    assert admin.get("/cms/invitations/0123456789abcdef0123456789abcdef/edit").status == 404


@pytest.fixture
def rejecting_smtp():
    """The test SMTP server (tests/support/smtp_sink.py): *@reject.example is refused."""
    port = free_port()
    maildir = os.path.join(tempfile.mkdtemp(prefix="usher-cms-smtp-"), "mail")
    sink = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support",
                        "smtp_sink.py")
    proc = subprocess.Popen(["/usr/bin/python3", sink, str(port), maildir],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout.readline().strip() == "ready"
    yield f"smtp://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def test_r11_undeliverable_marked_and_no_messages_page_with_smtp(server_factory, rejecting_smtp):
    srv = server_factory(second_company=False, extra_args=["--smtp", rejecting_smtp])
    b = logged_in(srv)
    bad = srv.invite(email=f"{unique('nobody')}@reject.example")
    good = srv.invite()
    deadline = time.monotonic() + 20
    while srv.get_invitation(bad["id"]).json["delivery"] != "failed":
        assert time.monotonic() < deadline, srv.get_invitation(bad["id"]).json
        srv.deliver()
        time.sleep(0.2)
    page = b.get("/cms/invitations")
    assert '<span class="delivery delivery-failed">Not delivered</span>' in page.row(bad["id"])
    assert "delivery-failed" not in page.row(good["id"])
    # Messages go to a mail server: no Messages page.
    assert 'href="/cms/messages"' not in page.html
    assert b.get("/cms/messages").status == 404
