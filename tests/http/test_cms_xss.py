"""Every value on the CMS pages is escaped: a person, store or group named like markup is
shown as text on every page; the pages carry a CSP without inline scripts."""

import re

import pytest

from cms_client import XSS, invite_form, logged_in
from usher_http import GOOD_PASSWORD

ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture(scope="module")
def world(server):
    """Admin browser plus an invited and a registered person, a store and a group, all
    named with markup."""
    server.token
    b = logged_in(server)
    store = server.post("/api/v1/stores", {"name": f"Store {XSS}", "code": "X<1>"},
                        token=server.token).json
    group = server.post("/api/v1/user-groups", {"name": f"Group {XSS}"},
                        token=server.token).json
    inv = server.invite(first_name=XSS, last_name=f"Last{XSS}", job_position=XSS,
                        external_id="X<ID>", role="manager", store_ids=[store["id"]],
                        user_group_ids=[group["id"]])
    registered, _ = server.invite_and_register(
        first_name=XSS, last_name="Registered", password=GOOD_PASSWORD,
        store_ids=[store["id"]], user_group_ids=[group["id"]])
    return {"browser": b, "inv": inv, "store": store, "group": group,
            "registered": registered}


def assert_escaped(page, where, shown=True):
    assert page.status in (200, 409, 422), (where, page.status)
    assert XSS not in page.html, f"markup unescaped on {where}"
    if shown:
        assert ESCAPED in page.html, f"the name is not shown on {where}"
    csp = page.header("Content-Security-Policy")
    assert "'unsafe-inline'" not in csp and "default-src 'none'" in csp, csp
    assert "script-src 'self'" in csp
    for script in re.findall(r"<script\b[^>]*>", page.html):
        assert 'src="/static/' in script, script  # no inline scripts
    assert not re.search(r"<script\b[^>]*>[^<]+</script>", page.html)
    # No event handler attribute in any tag (the name only ever appears as text).
    for tag in re.findall(r"<[a-zA-Z][^>]*>", page.html):
        assert not re.search(r"\son[a-z]+=", re.sub(r'"[^"]*"', '""', tag)), (where, tag)


def test_xss_names_are_text_on_every_page(server, world):
    b, inv = world["browser"], world["inv"]
    pages = {
        "users": b.get("/cms/users"),
        "invite": b.get("/cms/users/invite"),
        "invitations": b.get("/cms/invitations"),
        "search": b.get(f"/cms/invitations?q={inv['email']}"),
        "edit": b.get(f"/cms/invitations/{inv['id']}/edit"),
        "revoke": b.get(f"/cms/invitations/{inv['id']}/revoke"),
        "stores": b.get("/cms/stores"),
        "groups": b.get("/cms/groups"),
    }
    for where, page in pages.items():
        assert_escaped(page, where)
    assert "X&lt;ID&gt;" in pages["edit"].html
    assert "X&lt;1&gt;" in pages["stores"].html


def test_xss_in_form_errors_and_import_report(server, world):
    b = world["browser"]
    form = invite_form(server, first_name=XSS, email=f"{XSS}@example.com")
    page = b.submit("/cms/users/invite", "/cms/users/invite", form)
    assert page.status == 422
    assert_escaped(page, "invite errors")
    csv = ("first_name,last_name,email,user_groups,language\n"
           f"{XSS},x,not-an-email,{XSS},en\n")
    page = b.get("/cms/import")
    report = b.post("/cms/import", files=[("csrf", page.csrf()), ("step", "check"),
                                          ("csv", csv)])
    assert report.status == 200 and "Rows with errors: 1." in report.text
    assert_escaped(report, "import report", shown=False)  # rows are named by number
    bad_header = b.post("/cms/import", files=[("csrf", page.csrf()), ("step", "check"),
                                              ("csv", f"{XSS}\nx\n")])
    assert_escaped(bad_header, "import header")
    store = b.post("/cms/stores", {"csrf": page.csrf(), "name": f"Store {XSS}", "code": ""})
    assert store.status == 409
    assert_escaped(store, "store error")


def test_xss_in_messages(server, world):
    b, inv = world["browser"], world["inv"]
    server.wait_message(inv["email"])
    page = b.get("/cms/messages")
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", page.html, re.S) if inv["email"] in r)
    href = re.search(r'<a href="([^"]+)">', row).group(1)
    assert_escaped(b.get(href.replace("&amp;", "&")), "message")
