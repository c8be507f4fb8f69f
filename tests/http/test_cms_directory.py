"""Stores, user groups (R13 guard on deleting a manager's last store) and the company
settings (R4, R7, R1 region) in the CMS."""

import re

import pytest

from cms_client import assert_field_error, assert_labelled, logged_in, query_of
from usher_http import unique


@pytest.fixture(scope="module")
def admin(server):
    server.token  # the API token first: logins of one account are rate-limited (R15)
    return logged_in(server)


def test_stores_list_and_add(server, admin):
    page = admin.get("/cms/stores")
    assert page.status == 200 and page.h1() == "Stores"
    for store in server.stores:
        assert f'data-store-id="{store["id"]}"' in page.html
    assert "Liège Vinâve d&#39;Île" in page.html or "Liège Vinâve d&apos;Île" in page.html
    assert_labelled(page)
    assert '<a href="/cms/stores" aria-current="page">Stores</a>' in page.html
    name = unique("Store ")
    r = admin.post("/cms/stores", {"csrf": page.csrf(), "name": name, "code": "NEW-1"})
    assert r.status == 303 and query_of(r.location)["notice"] == "store_added"
    page = admin.get(r.location)
    assert "The store was added." in page.notice() and name in page.text
    stores = server.get("/api/v1/stores", token=server.token).json["items"]
    assert {"name": name, "code": "NEW-1"} in [{"name": s["name"], "code": s["code"]}
                                              for s in stores]
    # A taken name and a missing one: errors beside the field, value kept.
    dup = admin.post("/cms/stores", {"csrf": page.csrf(), "name": name, "code": "X"})
    assert dup.status == 409
    assert_field_error(dup, "name")
    assert dup.value("name") == name and dup.value("code") == "X"
    empty = admin.post("/cms/stores", {"csrf": page.csrf(), "name": " ", "code": ""})
    assert empty.status == 422
    assert_field_error(empty, "name")


def test_r13_store_delete_refused_for_a_managers_last_store(server, admin):
    page = admin.get("/cms/stores")
    name = unique("Solo ")
    admin.post("/cms/stores", {"csrf": page.csrf(), "name": name, "code": ""})
    store = next(s for s in server.get("/api/v1/stores", token=server.token).json["items"]
                 if s["name"] == name)
    manager = server.invite(role="manager", store_ids=[store["id"]])
    r = admin.post(f"/cms/stores/{store['id']}/delete", {"csrf": page.csrf()})
    assert r.status == 409
    assert "only store of a manager" in r.error_summary()
    assert f'data-store-id="{store["id"]}"' in r.html  # still there
    server.patch(f"/api/v1/invitations/{manager['id']}",
                 {"store_ids": [server.stores[0]["id"]]}, token=server.token)
    r = admin.post(f"/cms/stores/{store['id']}/delete", {"csrf": page.csrf()})
    assert r.status == 303 and query_of(r.location)["notice"] == "store_deleted"
    assert f'data-store-id="{store["id"]}"' not in admin.get("/cms/stores").html
    again = admin.post(f"/cms/stores/{store['id']}/delete", {"csrf": page.csrf()})
    assert again.status == 404


def test_r15_another_companys_store_cannot_be_deleted(server, admin):
    theirs = server.other_store()
    page = admin.get("/cms/stores")
    assert theirs["name"] not in page.text
    r = admin.post(f"/cms/stores/{theirs['id']}/delete", {"csrf": page.csrf()})
    assert r.status == 404
    names = [s["name"] for s in server.get("/api/v1/stores", token=server.token2).json["items"]]
    assert theirs["name"] in names


def test_groups_list_and_add(server, admin):
    page = admin.get("/cms/groups")
    assert page.status == 200 and page.h1() == "User groups"
    assert "decide which learning content" in page.text
    for group in server.groups:
        assert group["name"] in page.text
    assert server.other_group()["name"] not in admin.get("/cms/groups").text
    name = unique("Crew ")
    r = admin.post("/cms/groups", {"csrf": page.csrf(), "name": name})
    assert r.status == 303 and query_of(r.location)["notice"] == "group_added"
    assert name in admin.get("/cms/groups").text
    dup = admin.post("/cms/groups", {"csrf": page.csrf(), "name": name})
    assert dup.status == 409
    assert_field_error(dup, "name")
    too_long = admin.post("/cms/groups", {"csrf": page.csrf(), "name": "x" * 101})
    assert too_long.status == 422 and too_long.value("name") == "x" * 101


def test_settings_show_save_and_refuse(fresh_server):
    srv = fresh_server
    b = logged_in(srv)
    page = b.get("/cms/settings")
    assert page.status == 200 and page.h1() == "Settings"
    assert page.value("validity_days") == "60"
    assert page.value("reminder_days") == "3, 10, 20, 30, 45, 53, 57"
    assert page.value("default_region") == "BE"
    assert page.value("timezone") == "Europe/Brussels"
    assert page.selected("default_language") == ["en"]
    assert_labelled(page)
    bad = b.post("/cms/settings", {"csrf": page.csrf(), "validity_days": "forty",
                                   "reminder_days": "5, 2, x", "default_region": "ZZ",
                                   "timezone": "Mars/Olympus", "default_language": "tlh"})
    assert bad.status == 422
    for field in ("validity_days", "reminder_days", "default_region", "timezone",
                  "default_language"):
        assert_field_error(bad, field)
    assert bad.value("validity_days") == "forty" and bad.value("timezone") == "Mars/Olympus"
    assert b.post("/cms/settings", {"csrf": page.csrf(), "validity_days": "400",
                                    "reminder_days": "3", "default_region": "BE",
                                    "timezone": "Europe/Brussels",
                                    "default_language": "en"}).status == 422
    r = b.post("/cms/settings", {"csrf": page.csrf(), "validity_days": "30",
                                 "reminder_days": "2; 9 20", "default_region": "nl",
                                 "timezone": "Europe/Amsterdam", "default_language": "nl"})
    assert r.status == 303 and query_of(r.location)["notice"] == "settings_saved"
    company = srv.get("/api/v1/company", token=srv.token).json
    assert (company["validity_days"], company["reminder_days"], company["timezone"],
            company["default_language"]) == (30, [2, 9, 20], "Europe/Amsterdam", "nl")
    assert company["default_region"] == "NL"  # typed in lower case
    page = b.get(r.location)
    assert "The settings were saved." in page.notice()
    assert page.value("reminder_days") == "2, 9, 20"
    # The invite form now preselects the new default language; a new invitation lives 30 days.
    assert b.get("/cms/users/invite").selected("language") == ["nl"]
    inv = srv.invite()
    assert re.search(r"Expires in 30 days", b.get("/cms/invitations").row(inv["id"]))
