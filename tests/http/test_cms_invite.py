"""R1-R4 through the CMS: the Invite user tab, its errors beside the fields with the
values kept, success back to Invited users (docs/web.md)."""

import pytest

from cms_client import (assert_field_error, assert_labelled, invite_form, logged_in,
                        query_of)
from usher_http import unique_email


@pytest.fixture(scope="module")
def admin(server):
    server.token  # the API token first: logins of one account are rate-limited (R15)
    return logged_in(server)


R1_FIELDS = ("first_name", "last_name", "email", "phone", "job_position", "external_id",
             "role", "store_ids", "user_group_ids", "language", "agreement_accepted")


def test_r1_form_has_every_field_with_labels_and_hints(server, admin):
    page = admin.get("/cms/users/invite")
    assert page.status == 200
    assert page.h1() == "Invite user"
    assert "<title>Invite user · usher</title>" in page.html
    for field in R1_FIELDS:
        assert page.control(field), field
    assert_labelled(page)
    assert 'multiple' in page.control("store_ids") and 'multiple' in page.control("user_group_ids")
    # Why a manager needs a store, why a group is needed (R13, R1).
    assert "Required for a manager" in page.text and "the app cannot start" in page.text
    assert "decide which learning content" in page.text
    for store in server.stores:
        assert f'value="{store["id"]}"' in page.html
    for group in server.groups:
        assert f'value="{group["id"]}"' in page.html
    assert page.selected("language") == ["en"]  # the company's default
    assert page.selected("role") == ["user"]
    # The tabs: a navigation of links, the current one marked.
    assert '<nav class="tabs" aria-label="User management">' in page.html
    assert '<a href="/cms/users/invite" aria-current="page">Invite user</a>' in page.html
    assert '<a href="/cms/invitations">Invited users</a>' in page.html
    assert ">Invite</button>" in page.html


def test_r1_all_errors_beside_their_fields_and_values_kept(server, admin):
    form = invite_form(server, first_name="  ", last_name="Peeters-Ñúñez", email="not-an-email",
                       phone="12", role="manager", store_ids=[], user_group_ids=[],
                       language="xx", agreement_accepted=False, job_position="Vloer & co",
                       external_id="E<1>")
    page = admin.submit("/cms/users/invite", "/cms/users/invite", form)
    assert page.status == 422
    for field in ("first_name", "email", "phone", "store_ids", "user_group_ids", "language",
                  "agreement_accepted"):
        assert_field_error(page, field)
    assert page.field_error("last_name") is None
    assert "A manager needs at least one store" in page.field_error("store_ids")
    assert "at least one user group" in page.field_error("user_group_ids")
    assert "not a valid e-mail address" in page.field_error("email")
    # What was entered is still there.
    assert page.value("last_name") == "Peeters-Ñúñez"
    assert page.value("email") == "not-an-email"
    assert page.value("phone") == "12"
    assert page.value("job_position") == "Vloer & co"
    assert page.value("external_id") == "E<1>"
    assert page.selected("role") == ["manager"]
    assert 'checked' not in page.control("agreement_accepted")
    assert_labelled(page)


def test_r1_email_or_phone_and_kept_selections(server, admin):
    store = server.stores[1]["id"]
    groups = [server.groups[0]["id"], server.groups[2]["id"]]
    form = invite_form(server, email="", phone="", store_ids=[store], user_group_ids=groups,
                       language="nl")
    page = admin.submit("/cms/users/invite", "/cms/users/invite", form)
    assert page.status == 422
    assert_field_error(page, "email")
    assert "e-mail address or a mobile phone number" in page.field_error("email")
    assert page.selected("store_ids") == [store]
    assert sorted(page.selected("user_group_ids")) == sorted(groups)
    assert page.selected("language") == ["nl"]
    assert 'checked' in page.control("agreement_accepted")


def test_r4_success_goes_to_invited_users_with_a_notice(server, admin):
    email = unique_email("ana")
    stores = [server.stores[0]["id"], server.stores[2]["id"]]
    groups = [server.groups[1]["id"], server.groups[3]["id"]]
    form = invite_form(server, first_name="Ana", last_name="Peeters", email=email,
                       phone="0470 12 34 99", role="manager", store_ids=stores,
                       user_group_ids=groups, language="nl", job_position="Sales",
                       external_id="E-CMS-1")
    r = admin.submit("/cms/users/invite", "/cms/users/invite", form)
    assert r.status == 303
    assert r.location.startswith("/cms/invitations")
    assert query_of(r.location)["notice"] == "invited"
    page = admin.get(r.location)
    assert page.status == 200
    assert "The invitation is on its way." in page.notice()
    items = server.list_invitations(q=email).json["items"]
    assert len(items) == 1
    inv = items[0]
    assert (inv["first_name"], inv["last_name"], inv["role"], inv["language"]) == \
        ("Ana", "Peeters", "manager", "nl")
    assert inv["phone"] == "+32470123499"
    assert sorted(inv["store_ids"]) == sorted(stores)
    assert sorted(inv["user_group_ids"]) == sorted(groups)
    assert (inv["job_position"], inv["external_id"]) == ("Sales", "E-CMS-1")
    assert inv["id"] in page.row_ids()


def test_r3_duplicate_shown_beside_the_email_with_a_link(server, admin):
    inv = server.invite()
    page = admin.submit("/cms/users/invite", "/cms/users/invite",
                        invite_form(server, email=inv["email"].upper()))
    assert page.status == 409
    assert_field_error(page, "email")
    assert "already has a pending invitation" in page.field_error("email")
    assert f'href="/cms/invitations/{inv["id"]}/edit"' in page.html
