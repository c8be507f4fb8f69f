"""R17 in the CMS: upload (multipart) or paste a CSV file, see every row's problems by
field before anything is sent, then invite the valid rows."""

import re

import pytest

from cms_client import assert_field_error, assert_labelled, logged_in
from usher_http import unique, unique_email


@pytest.fixture(scope="module")
def admin(server):
    server.token  # the API token first: logins of one account are rate-limited (R15)
    return logged_in(server)


def csv_of(server, tag):
    store, group = server.stores[0]["name"], server.groups[0]["name"]
    good1, good2 = unique_email(tag), unique_email(tag)
    rows = [
        "first_name,last_name,email,phone,job_position,external_id,role,stores,user_groups,"
        "language",
        f"Ana,{tag},{good1},,Sales,,user,,{group},nl",
        f"Bart,{tag},{good2},,,,manager,{store},{group};{server.groups[1]['name']},en",
        f",{tag},not-an-email,,,,user,,{group},en",
        f"Chris,{tag},{unique_email(tag)},,,,manager,,No such group,en",
        f"Dirk,{tag},{good1.upper()},,,,user,,{group},en",
        f"Eva,{tag},{unique_email(tag)},,,,user,,{group},xx",
    ]
    return "\r\n".join(rows) + "\r\n", (good1, good2)


def problems_of(page, row):
    m = re.search(r'<tr data-row="%d">(.*?)</tr>' % row, page.html, re.S)
    assert m, f"no report row {row}"
    return m.group(1)


def test_r17_import_page(server, admin):
    page = admin.get("/cms/import")
    assert page.status == 200 and page.h1() == "Import users"
    assert 'enctype="multipart/form-data"' in page.html
    assert 'type="file"' in page.control("file") and page.control("csv")
    assert "first_name, last_name, email" in page.text
    assert_labelled(page)
    assert '<a href="/cms/import" aria-current="page">Import</a>' in page.html


def test_r17_dry_run_report_then_invite_the_valid_rows(server, admin):
    tag = unique("Imp")
    csv, (good1, good2) = csv_of(server, tag)
    page = admin.get("/cms/import")
    report = admin.post("/cms/import", files=[("csrf", page.csrf()), ("step", "check"),
                                              ("file", ("people.csv", csv.encode())),
                                              ("csv", "")])
    assert report.status == 200, report.text[:1500]
    assert "Valid rows: 2. Rows with errors: 4." in report.text
    row4 = problems_of(report, 4)
    assert "first_name" in row4 and "email" in row4 and "not a valid e-mail address" in row4
    row5 = problems_of(report, 5)
    assert "user_groups" in row5 and "stores" in row5 and "needs at least one store" in row5
    row6 = problems_of(report, 6)
    assert "email" in row6 and "earlier row" in row6  # the same address as row 2
    row7 = problems_of(report, 7)
    assert "language" in row7 and "languages in the list" in row7
    assert 'data-row="2"' not in report.html and 'data-row="3"' not in report.html
    assert server.list_invitations(q=tag).json["total"] == 0  # the check stores nothing
    assert ">Invite 2 valid rows</button>" in report.html
    hidden = re.search(r'<input type="hidden" name="csv" value="([^"]*)"', report.html)
    assert hidden, "the checked file is carried to the invite step"
    import html as htmllib
    carried = htmllib.unescape(hidden.group(1))
    # Without the agreement: refused beside the checkbox, the report stays.
    refused = admin.post("/cms/import", files=[("csrf", report.csrf()), ("step", "invite"),
                                               ("csv", carried)])
    assert refused.status == 422
    assert_field_error(refused, "agreement_accepted")
    assert "Valid rows: 2." in refused.text
    assert server.list_invitations(q=tag).json["total"] == 0
    done = admin.post("/cms/import", files=[("csrf", report.csrf()), ("step", "invite"),
                                            ("csv", carried),
                                            ("agreement_accepted", "true")])
    assert done.status == 200
    assert "Invitations sent: 2." in done.notice()
    items = server.list_invitations(q=tag).json["items"]
    assert sorted(i["email"] for i in items) == sorted([good1, good2])
    bart = next(i for i in items if i["first_name"] == "Bart")
    assert bart["role"] == "manager" and bart["store_ids"] == [server.stores[0]["id"]]


def test_r17_pasted_text_and_header_problems(server, admin):
    page = admin.get("/cms/import")
    email = unique_email("paste")
    pasted = ("first_name,last_name,email,user_groups,language\n"
              f"Paula,Paste,{email},{server.groups[0]['name']},en\n")
    r = admin.post("/cms/import", files=[("csrf", page.csrf()), ("step", "check"),
                                         ("file", ("", b"")), ("csv", pasted)])
    assert r.status == 200 and "Valid rows: 1. Rows with errors: 0." in r.text
    assert ">Invite 1 valid row</button>" in r.html
    bad = admin.post("/cms/import", files=[("csrf", page.csrf()), ("step", "check"),
                                           ("csv", "name,mail\nAna,a@example.com\n")])
    assert bad.status == 422
    assert "The column name is not known." in bad.text
    assert "The column first_name is missing." in bad.text
    assert bad.value("csv") == "name,mail\nAna,a@example.com\n"  # kept to correct it
    empty = admin.post("/cms/import", files=[("csrf", page.csrf()), ("step", "check"),
                                             ("csv", "  ")])
    assert empty.status == 422
    assert_field_error(empty, "file")


def test_r17_large_upload_is_read(server, admin):
    """The CMS import takes bodies beyond the 1 MiB of other requests (like the API's)."""
    page = admin.get("/cms/import")
    header = "first_name,last_name,email,user_groups,language," + "x" * (2 << 20) + "\n"
    r = admin.post("/cms/import", files=[("csrf", page.csrf()), ("step", "check"),
                                         ("file", ("big.csv", header.encode()))])
    assert r.status == 422
    assert "is not known" in r.text


def test_r17_forms_need_the_csrf(server, admin):
    r = admin.post("/cms/import", files=[("step", "check"), ("csv", "a,b\n")])
    assert r.status == 403
