"""The Messages page of the CMS when messages go to the Maildir: what was written for the
company's pending invitations, newest first, each openable with its link clickable."""

import html
import re

import pytest

from cms_client import logged_in
from usher_http import unique


@pytest.fixture(scope="module")
def admin(server):
    server.token  # the API token first: logins of one account are rate-limited (R15)
    return logged_in(server)


def test_messages_list_and_open(server, admin):
    inv = server.invite(first_name="Mona", last_name=unique("Mail"), language="nl")
    server.wait_message(inv["email"])
    page = admin.get("/cms/messages")
    assert page.status == 200 and page.h1() == "Messages"
    assert '<a href="/cms/messages" aria-current="page">Messages</a>' in page.html
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", page.html, re.S) if inv["email"] in r)
    assert "Invitation" in row
    href = html.unescape(re.search(r'<a href="([^"]+)">', row).group(1))
    mail = admin.get(href)
    assert mail.status == 200
    assert inv["email"] in mail.text and "Mona" in mail.text
    link = re.search(r'<a href="(%s/register/[A-Za-z0-9_-]{43})">' %
                     re.escape(server.public_url), mail.html)
    assert link, mail.html[-2000:]
    token = link.group(1).rsplit("/", 1)[1]
    assert server.registration(token).status == 200


def test_messages_newest_first(server, admin):
    first = server.invite()
    server.wait_message(first["email"])
    second = server.invite()
    server.wait_message(second["email"])
    text = admin.get("/cms/messages").html
    assert text.index(second["email"]) < text.index(first["email"])


def test_r15_messages_of_another_company_are_not_shown(server, admin):
    theirs = server.invite(token=server.token2, user_group_ids=[server.other_group()["id"]])
    path, _ = server.wait_message(theirs["email"])
    assert theirs["email"] not in admin.get("/cms/messages").html
    name = path.rsplit("/", 1)[1]
    from urllib.parse import quote
    r = admin.get("/cms/messages/" + quote(name, safe=""))
    assert r.status == 404 and theirs["email"] not in r.html
    other = logged_in(server, 2)
    assert theirs["email"] in other.get("/cms/messages").html


def test_messages_only_open_message_files(server, admin):
    for name in ("..", "%2e%2e", "does-not-exist"):
        assert admin.get("/cms/messages/" + name).status == 404
