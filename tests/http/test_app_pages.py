"""R9, R13, R15: the web stand-in for the app's first login at /app (docs/web.md), driven
like a browser without JavaScript: cookies, forms, redirects."""

import html
import re
import sqlite3
import subprocess
from urllib.parse import urlencode

import usher_http
from usher_http import GOOD_PASSWORD, fresh_source, unique_email, unique_phone

CSRF = re.compile(r'<input type="hidden" name="csrf" value="([^"]*)">')


class Browser:
    """Keeps the cookies of one visitor; every request comes from its own loopback address
    so the per-client rate limits of other tests do not interfere."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}
        self.set_cookies = []  # every Set-Cookie header seen, in order
        self.source = fresh_source()

    def request(self, method, path, form=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = urlencode(form).encode() if form is not None else None
        r = self.server.request(method, path, data=data, headers=headers,
                                content_type="application/x-www-form-urlencoded"
                                if data is not None else None,
                                source=self.source, check=False)
        assert r.status < 500, r
        for name, value in r.headers:
            if name.lower() != "set-cookie":
                continue
            self.set_cookies.append(value)
            key, _, rest = value.partition("=")
            val = rest.split(";", 1)[0]
            if "Max-Age=0" in value or val == "":
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = val
        return r

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        return self.request("POST", path, form)

    def cookie_header(self, name):
        return [c for c in self.set_cookies if c.startswith(name + "=")][-1]


def csrf_of(r):
    m = CSRF.search(r.text)
    assert m, f"no csrf field in {r.text[:800]}"
    return m.group(1)


def log_in(browser, login, password=GOOD_PASSWORD, lang=None):
    page = browser.get("/app/login" + (f"?lang={lang}" if lang else ""))
    assert page.status == 200, page
    return browser.post("/app/login" + (f"?lang={lang}" if lang else ""),
                        {"csrf": csrf_of(page), "login": login, "password": password})


def logged_in(server, app_language="en", **invite_fields):
    """A browser logged into /app as a user who registered choosing `app_language`."""
    inv = server.invite(**invite_fields)
    r = server.register(server.token_for(inv["email"]), language=app_language)
    assert r.status == 201, r
    b = Browser(server)
    r = log_in(b, inv["email"])
    assert r.status == 303 and r.header("Location") == "/app", r
    return b, inv


def assert_page(r, status, title):
    assert r.status == status, r
    assert r.header("Content-Type") == "text/html; charset=utf-8"
    assert "default-src 'none'" in r.header("Content-Security-Policy")
    assert r.header("Cache-Control") == "no-store"
    assert f"<title>{html.escape(title, quote=False)} · usher</title>" in r.text, r.text[:400]
    assert f"<h1>{html.escape(title, quote=False)}</h1>" in r.text


def login_error(r):
    m = re.search(r'<div class="error-summary" role="alert"><p>([^<]*)</p>', r.text)
    return m.group(1) if m else None


def test_login_page_has_labelled_fields_and_a_csrf_cookie(server):
    b = Browser(server)
    r = b.get("/app/login")
    assert_page(r, 200, "Log in")
    for field in ("login", "password"):
        assert f'<label for="{field}">' in r.text and f'name="{field}"' in r.text
    assert ">Log in</button>" in r.text
    cookie = b.cookie_header("usher_login_csrf")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # the public URL is http
    assert csrf_of(r) == b.cookies["usher_login_csrf"]
    fr = b.get("/app/login?lang=fr")
    assert '<html lang="fr">' in fr.text and "Se connecter" in fr.text


def test_r15_login_post_without_the_right_csrf_is_refused(server):
    inv, _ = server.invite_and_register()
    b = Browser(server)
    b.get("/app/login")
    for token in ("", "x" * 43):
        r = b.post("/app/login", {"csrf": token, "login": inv["email"],
                                  "password": GOOD_PASSWORD})
        assert r.status == 403, r
        assert "usher_app" not in b.cookies
    stranger = Browser(server)  # a form posted from elsewhere carries no cookie
    r = stranger.post("/app/login", {"csrf": b.cookies["usher_login_csrf"],
                                     "login": inv["email"], "password": GOOD_PASSWORD})
    assert r.status == 403


def test_r9_every_wrong_login_gets_the_same_answer(server):
    registered, _ = server.invite_and_register()
    invited = server.invite()
    answers = []
    for login, password in ((registered["email"], GOOD_PASSWORD + "x"),
                            (unique_email("nobody"), GOOD_PASSWORD),
                            (invited["email"], GOOD_PASSWORD),
                            ("+32470000001", GOOD_PASSWORD)):
        b = Browser(server)
        r = log_in(b, login, password)
        assert r.status == 401, r
        assert "usher_app" not in b.cookies
        assert login_error(r) == "The login or the password is wrong. Check both and try again."
        assert f'value="{html.escape(login)}"' in r.text  # the login is kept
        assert password not in r.text  # the password is not
        answers.append(r.text.replace(html.escape(login), "LOGIN").replace(csrf_of(r), "C"))
    assert len(set(answers)) == 1


def test_r15_login_is_rate_limited_per_account(server):
    inv, _ = server.invite_and_register()
    statuses = []
    for _ in range(6):
        r = log_in(Browser(server), inv["email"], "wrong-password-123")
        statuses.append(r.status)
    assert statuses[:5] == [401] * 5 and statuses[5] == 429, statuses
    assert r.header("Retry-After") and "Too many attempts" in r.text


def test_r9_r13_login_language_then_ready_with_groups(server):
    group = server.groups[1]
    b, inv = logged_in(server, app_language="nl", first_name="Jef", language="pl",
                       user_group_ids=[group["id"]])
    cookie = b.cookie_header("usher_app")
    for flag in ("HttpOnly", "SameSite=Strict", "Path=/"):
        assert flag in cookie
    assert "Secure" not in cookie and "Max-Age" not in cookie
    # Already logged in: the login page sends to the app.
    assert b.get("/app/login").status == 303
    r = b.get("/app")
    assert_page(r, 200, "Kies je taal")
    assert '<html lang="nl">' in r.text and "Hallo Jef," in r.text
    assert '<label for="language">' in r.text and ">Verder</button>" in r.text
    assert '<option value="nl" lang="nl" selected>' in r.text
    csrf = csrf_of(r)

    assert b.post("/app/language", {"csrf": "nope", "language": "de"}).status == 403
    bad = b.post("/app/language", {"csrf": csrf, "language": "xx"})
    assert bad.status == 422
    assert 'aria-invalid="true" aria-describedby="error-language"' in bad.text
    assert '<p class="field-error" id="error-language">' in bad.text
    assert 'class="error-summary" role="alert"' in bad.text

    done = b.post("/app/language", {"csrf": csrf, "language": "de"})
    assert done.status == 303 and done.header("Location") == "/app"
    home = b.get("/app")
    assert_page(home, 200, "Lern-App von Demo Retail")
    assert '<html lang="de">' in home.text
    assert '<div class="state state-ready">' in home.text and "Startklar" in home.text
    assert f"<li>{html.escape(group['name'])}</li>" in home.text
    assert "state-blocked" not in home.text
    token = b.cookies["usher_app"]
    me = server.get("/api/v1/app/me", token=token).json
    assert me["language"] == "de" and me["onboarding"] == "ready"


def test_r13_manager_without_store_sees_blocked_state(server):
    """No request can leave a manager without a store (R1, R13); the state is shown for
    data that has it anyway, so the row is removed in the database here."""
    b, inv = logged_in(server, role="manager", store_ids=[server.stores[0]["id"]],
                       language="en")
    r = b.get("/app")
    b.post("/app/language", {"csrf": csrf_of(r), "language": "fr"})
    with sqlite3.connect(server.db_path, timeout=10) as db:
        db.execute("DELETE FROM user_stores WHERE user_id = ?", (inv["user_id"],))
    home = b.get("/app")
    assert home.status == 200
    assert '<div class="state state-blocked" role="alert">' in home.text
    assert "rattaché à aucun magasin" in home.text and "Demo Retail" in home.text
    assert "state-ready" not in home.text


def test_names_are_text_on_every_app_page(server):
    evil = "<img src=x onerror=alert(1)>"
    b, _ = logged_in(server, first_name=evil, last_name=evil)
    r = b.get("/app")
    assert evil not in r.text and html.escape(evil, quote=False) in r.text
    b.post("/app/language", {"csrf": csrf_of(r), "language": "en"})
    home = b.get("/app")
    assert evil not in home.text and html.escape(evil, quote=False) in home.text


def test_logout_ends_the_session(server):
    b, _ = logged_in(server)
    r = b.get("/app")
    token = b.cookies["usher_app"]
    assert b.post("/app/logout", {"csrf": "wrong"}).status == 403
    out = b.post("/app/logout", {"csrf": csrf_of(r)})
    assert out.status == 303 and out.header("Location").startswith("/app/login")
    assert "usher_app" not in b.cookies
    page = b.get(out.header("Location"))
    assert '<div class="notice" role="status">You are logged out.</div>' in page.text
    assert server.get("/api/v1/app/me", token=token, check=False).status == 401
    b.cookies["usher_app"] = token  # the old cookie no longer works
    again = b.get("/app")
    assert again.status == 303 and again.header("Location") == "/app/login"


def test_app_without_a_session_goes_to_login(server):
    b = Browser(server)
    r = b.get("/app")
    assert r.status == 303 and r.header("Location") == "/app/login"
    b.cookies["usher_app"] = "A" * 43
    assert b.get("/app").header("Location") == "/app/login"
    assert b.post("/app/language", {"csrf": "", "language": "en"}).status == 303


def test_r9_login_by_phone_number(server):
    phone = unique_phone()
    inv = server.invite(phone=phone)
    assert server.register(server.token_for(inv["email"])).status == 201
    b = Browser(server)
    r = log_in(b, phone)
    assert r.status == 303 and r.header("Location") == "/app", r
    assert b.get("/app").status == 200


def test_r15_cookies_are_secure_behind_https():
    """With an https public URL (TLS ends at a proxy), every cookie is Secure."""
    srv = usher_http.UsherServer()
    demo = usher_http.run_cli("demo", "--db", srv.db)
    srv.admin_email, srv.admin_password = demo["admin_email"], demo["admin_password"]
    srv.groups, srv.stores = demo["user_groups"], demo["stores"]
    srv.port = usher_http.free_port()
    srv.public_url = "https://usher.example"
    srv.proc = subprocess.Popen(
        [usher_http.USHER_BIN, "serve", "--db", srv.db, "--listen", f"127.0.0.1:{srv.port}",
         "--public-url", srv.public_url, "--test-clock", "--maildir", srv.maildir],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=usher_http._env())
    try:
        assert srv._wait_healthy()
        b, _ = logged_in(srv)
        for name in ("usher_login_csrf", "usher_app"):
            assert "Secure" in b.cookie_header(name), b.set_cookies
        b.post("/app/logout", {"csrf": csrf_of(b.get("/app"))})
        assert "Secure" in b.cookie_header("usher_app")  # also when it is removed
    finally:
        assert srv.stop() == 0
        srv.cleanup()
