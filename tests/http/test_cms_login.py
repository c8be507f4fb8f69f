"""R15 in the CMS: the session cookie (HttpOnly, SameSite=Strict, Path=/, Secure behind
https), the same sessions as the API, CSRF on every form, login rate limits, logout."""

from cms_client import CmsBrowser, assert_labelled, logged_in, query_of
from usher_http import fresh_source


def test_r15_pages_need_a_session(server):
    b = CmsBrowser(server)
    r = b.get("/cms/invitations?q=Ana", relogin=False)
    assert r.status == 303
    assert r.location.startswith("/cms/login?")
    assert query_of(r.location)["next"] == "/cms/invitations?q=Ana"
    assert b.get("/cms", relogin=False).location == "/cms/invitations"
    for path in ("/cms/users", "/cms/users/invite", "/cms/stores", "/cms/groups",
                 "/cms/settings", "/cms/import", "/cms/messages"):
        r = b.get(path, relogin=False)
        assert r.status == 303 and r.location.startswith("/cms/login?next="), path


def test_r15_login_page(server):
    b = CmsBrowser(server)
    page = b.get("/cms/login")
    assert page.status == 200
    assert page.h1() == "Log in"
    assert "<title>Log in · usher</title>" in page.html
    assert page.control("email") and page.control("password")
    assert_labelled(page)
    assert ">Log in</button>" in page.html
    cookie = page.cookies()["usher_login_csrf"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert page.csrf() == b.cookies["usher_login_csrf"]


def test_r15_wrong_password_keeps_the_email(server):
    b = CmsBrowser(server)
    r = b.login(password="not the password")
    assert r.status == 401
    assert "The e-mail or password is wrong." in r.error_summary()
    assert r.value("email") == server.admin_email
    assert r.value("password") in (None, "")  # a password is never sent back
    assert "usher_session" not in b.cookies
    r = b.login(email="nobody@example.com", password="whatever it is")
    assert r.status == 401 and "The e-mail or password is wrong." in r.text


def test_r15_login_sets_the_session_cookie_of_the_api(server):
    b = CmsBrowser(server)
    r = b.login(next_path="/cms/stores")
    assert r.status == 303 and r.location == "/cms/stores"
    cookie = r.cookies()["usher_session"]
    for flag in ("HttpOnly", "SameSite=Strict", "Path=/"):
        assert flag in cookie, cookie
    assert "Secure" not in cookie  # the public URL is http here
    # The cookie holds an admin session: the same one the API accepts as a bearer token.
    assert server.get("/api/v1/stores", token=b.session).status == 200
    page = b.get("/cms/invitations", relogin=False)
    assert page.status == 200 and page.h1() == "Invited users"
    assert ">Log out</button>" in page.html
    assert "Demo Retail" in page.text


def test_r15_login_refuses_foreign_next(server):
    for evil in ("https://evil.example/", "//evil.example/cms", "/cmsx", "/register/x",
                 "/cms/x\r\nSet-Cookie: injected=1"):
        r = CmsBrowser(server).login(next_path=evil)
        assert r.status == 303 and r.location == "/cms/invitations", evil
        assert "injected" not in r.cookies()


def test_r15_login_form_without_the_csrf_cookie_is_refused(server):
    b = CmsBrowser(server)
    page = b.get("/cms/login")
    form = {"csrf": page.csrf(), "email": server.admin_email,
            "password": server.admin_password}
    b.cookies.clear()  # a form posted from another site carries no cookie of ours
    r = b.post("/cms/login", form)
    assert r.status == 403 and "usher_session" not in b.cookies
    b.get("/cms/login")
    r = b.post("/cms/login", dict(form, csrf="forged-value"))
    assert r.status == 403 and "usher_session" not in b.cookies


def test_r15_every_cms_form_needs_its_csrf(server):
    b = logged_in(server)
    before = len(server.get("/api/v1/user-groups", token=server.token).json["items"])
    for form in ({"name": "Forged group"}, {"name": "Forged group", "csrf": "x" * 43}):
        r = b.post("/cms/groups", form)
        assert r.status == 403
        assert "This form has expired" in r.text
    assert len(server.get("/api/v1/user-groups", token=server.token).json["items"]) == before
    # Another admin's token does not fit this session either.
    other = logged_in(server, 2)
    r = b.post("/cms/groups", {"name": "Forged group",
                               "csrf": other.get("/cms/groups").csrf()})
    assert r.status == 403
    assert b.post("/cms/logout", {}).status == 403  # logout too
    assert server.get("/api/v1/stores", token=b.session).status == 200


def test_r15_logout_ends_the_session(server):
    b = logged_in(server)
    token = b.session
    page = b.get("/cms/invitations")
    r = b.post("/cms/logout", {"csrf": page.csrf()})
    assert r.status == 303 and r.location.startswith("/cms/login")
    assert "Max-Age=0" in r.cookies()["usher_session"]
    assert "usher_session" not in b.cookies
    assert server.get("/api/v1/stores", token=token, check=False).status == 401
    b.cookies["usher_session"] = token  # the old cookie does not work any more
    assert b.get("/cms/invitations", relogin=False).status == 303
    assert "You are logged out." in b.get("/cms/login?notice=logged_out").text


def test_r15_login_rate_limit_per_account(server):
    email = "locked.out@example.com"
    statuses = []
    for _ in range(7):
        b = CmsBrowser(server)  # a new client every time: the per-account limit applies
        statuses.append(b.login(email=email, password="wrong password").status)
    assert statuses[:5] == [401] * 5
    assert statuses[-1] == 429
    b = CmsBrowser(server)
    r = b.login(email=email, password="wrong password")
    assert r.status == 429 and r.header("Retry-After")
    assert "Too many attempts" in r.text


def test_r15_secure_cookie_behind_https(server_factory):
    srv = server_factory(second_company=False)
    assert srv.stop() == 0
    srv.args[srv.args.index("--public-url") + 1] = "https://usher.example"
    srv.restart()
    b = CmsBrowser(srv)
    page = b.get("/cms/login")
    assert "Secure" in page.cookies()["usher_login_csrf"]
    r = b.post("/cms/login", {"csrf": page.csrf(), "email": srv.admin_email,
                              "password": srv.admin_password})
    assert r.status == 303
    assert "; Secure" in r.cookies()["usher_session"]


def test_r12_cms_in_the_chosen_language(server):
    b = logged_in(server)
    page = b.get("/cms/invitations")
    assert 'hreflang="nl"' in page.html
    r = b.get("/cms/language/nl?next=%2Fcms%2Fstores", relogin=False)
    assert r.status == 303 and r.location == "/cms/stores"
    assert "SameSite=Strict" in r.cookies()["usher_cms_lang"]
    page = b.get("/cms/invitations")
    assert '<html lang="nl">' in page.html
    assert page.h1() == "Uitgenodigde gebruikers"
    assert "<title>Uitgenodigde gebruikers · usher</title>" in page.html
    assert ">Uitloggen</button>" in page.html
    assert b.get("/cms/language/xx?next=https://evil.example", relogin=False).location == \
        "/cms/invitations"
    anonymous = CmsBrowser(server)
    anonymous.cookies["usher_cms_lang"] = "nl"
    assert anonymous.get("/cms/login").h1() == "Inloggen"
    assert CmsBrowser(server).get("/cms/login?lang=de").h1() == "Anmelden"
    b.get("/cms/language/en", relogin=False)
    assert b.get("/cms/invitations").h1() == "Invited users"


def test_r12_every_cms_page_fully_translated(server):
    """No UI string falls back to its key in any of the eight languages."""
    b = logged_in(server)
    inv = server.invite()
    paths = ("/cms/users", "/cms/users/invite", "/cms/invitations", "/cms/stores",
             "/cms/groups", "/cms/settings", "/cms/import", "/cms/messages",
             f"/cms/invitations/{inv['id']}/edit", f"/cms/invitations/{inv['id']}/revoke")
    english = {p: b.get(p).h1() for p in paths}
    for lang in ("de", "es", "fr", "it", "nl", "pl", "pt"):
        b.get(f"/cms/language/{lang}", relogin=False)
        for path in paths:
            page = b.get(path)
            assert page.status == 200, (lang, path)
            assert f'<html lang="{lang}">' in page.html
            assert "cms." not in page.text, (lang, path, page.text)
            if path != "/cms/messages":  # "Messages" is the same word in French
                assert page.h1() != english[path], (lang, path)
        invalid = b.submit("/cms/users/invite", "/cms/users/invite", [("first_name", "")])
        assert invalid.status == 422 and "cms." not in invalid.text, (lang, invalid.text)
    b.get("/cms/language/en", relogin=False)
