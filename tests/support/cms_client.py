"""A small browser for the CMS pages in the HTTP tests: keeps cookies, reads the csrf
field of a page, sends forms (urlencoded or multipart) and reads bits of HTML back.
Standard library only."""

import html
import re
import uuid
from urllib.parse import urlencode, urlsplit, parse_qs

from usher_http import fresh_source

XSS = "<img src=x onerror=alert(1)>"


class Page:
    def __init__(self, resp):
        self.resp = resp
        self.status = resp.status
        self.html = resp.body.decode("utf-8") if resp.body else ""

    def header(self, name):
        return self.resp.header(name)

    def cookies(self):
        """{name: full Set-Cookie value} of the answer."""
        out = {}
        for k, v in self.resp.headers:
            if k.lower() == "set-cookie":
                out[v.split("=", 1)[0].strip()] = v
        return out

    @property
    def location(self):
        return self.header("Location")

    @property
    def text(self):
        """The visible text, tags removed and entities decoded, white space collapsed."""
        return text_of(self.html)

    def csrf(self):
        m = re.search(r'name="csrf" value="([^"]*)"', self.html)
        assert m, f"no csrf field on the page ({self.status}):\n{self.html[:2000]}"
        return m.group(1)

    def h1(self):
        m = re.search(r"<h1[^>]*>(.*?)</h1>", self.html, re.S)
        return text_of(m.group(1)) if m else None

    def row(self, invitation_id):
        """The HTML of the Invited users row of an invitation, or None."""
        m = re.search(r'<tr data-invitation-id="%s">(.*?)</tr>' % re.escape(invitation_id),
                      self.html, re.S)
        return m.group(1) if m else None

    def row_ids(self):
        return re.findall(r'<tr data-invitation-id="([^"]+)">', self.html)

    def field_error(self, field):
        m = re.search(r'<p class="field-error" id="error-%s">(.*?)</p>' % re.escape(field),
                      self.html, re.S)
        return text_of(m.group(1)) if m else None

    def control(self, field):
        """The opening tag of the control named `field` (input, select or textarea)."""
        m = re.search(r'<(input|select|textarea)\b[^>]*\bname="%s"[^>]*>' % re.escape(field),
                      self.html)
        return m.group(0) if m else None

    def value(self, field):
        tag = self.control(field)
        assert tag, f"no control {field!r}"
        if tag.startswith("<textarea"):
            m = re.search(r'<textarea\b[^>]*\bname="%s"[^>]*>(.*?)</textarea>' % re.escape(field),
                          self.html, re.S)
            return html.unescape(m.group(1))
        m = re.search(r'\bvalue="([^"]*)"', tag)
        return html.unescape(m.group(1)) if m else None

    def selected(self, field):
        """Values of the selected options of select `field`."""
        m = re.search(r'<select\b[^>]*\bname="%s"[^>]*>(.*?)</select>' % re.escape(field),
                      self.html, re.S)
        assert m, f"no select {field!r}"
        return [html.unescape(v) for v in
                re.findall(r'<option value="([^"]*)" selected>', m.group(1))]

    def notice(self):
        m = re.search(r'<div class="notice" role="status">(.*?)</div>', self.html, re.S)
        return text_of(m.group(1)) if m else None

    def error_summary(self):
        m = re.search(r'<div class="error-summary" role="alert">(.*?)</div>', self.html, re.S)
        return text_of(m.group(1)) if m else None


def text_of(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def assert_labelled(page):
    """Every visible form control has a <label for> (docs/web.md)."""
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", page.html):
        if 'type="hidden"' in tag:
            continue
        m = re.search(r'\bid="([^"]+)"', tag)
        assert m, f"control without id: {tag}"
        assert f'<label for="{m.group(1)}"' in page.html, f"no label for {tag}"


def assert_field_error(page, field):
    """The docs/web.md convention: message after the control, aria-invalid, aria-describedby."""
    assert page.field_error(field), f"no error beside {field}:\n{page.text[:1500]}"
    tag = page.control(field)
    assert 'aria-invalid="true"' in tag, tag
    assert f'aria-describedby="error-{field}"' in tag, tag
    assert page.error_summary(), "no error summary"


def multipart(fields):
    """(body, content type) of multipart/form-data; a value (filename, bytes) is a file."""
    boundary = "----usher" + uuid.uuid4().hex
    out = b""
    for name, value in fields:
        if isinstance(value, tuple):
            filename, content = value
            out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n').encode()
            out += content + b"\r\n"
        else:
            out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                    f"\r\n\r\n").encode() + str(value).encode() + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, f"multipart/form-data; boundary={boundary}"


class CmsBrowser:
    """One admin's browser: its cookies and its own client address (rate limits)."""

    def __init__(self, server, which=1):
        self.server = server
        self.which = which
        self.cookies = {}
        self.source = fresh_source()

    @property
    def credentials(self):
        s = self.server
        return ((s.admin_email, s.admin_password) if self.which == 1 else
                (s.OTHER_ADMIN_EMAIL, s.OTHER_ADMIN_PASSWORD))

    def request(self, method, path, form=None, files=None, headers=None):
        hdrs = dict(headers or {})
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = ctype = None
        if form is not None:
            pairs = form.items() if isinstance(form, dict) else form
            data = urlencode(list(pairs), doseq=True).encode()
            ctype = "application/x-www-form-urlencoded"
        if files is not None:
            data, ctype = multipart(files)
        resp = self.server.request(method, path, data=data, content_type=ctype, headers=hdrs,
                                   source=self.source, check=False)
        page = Page(resp)
        assert page.status < 500, f"{method} {path} -> {page.status}: {page.html[:1000]}"
        for name, cookie in page.cookies().items():
            value = cookie.split(";", 1)[0].split("=", 1)[1]
            if "Max-Age=0" in cookie or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return page

    def get(self, path, relogin=True):
        page = self.request("GET", path)
        if relogin and page.status == 303 and page.location.startswith("/cms/login"):
            assert self.login().status == 303  # the session ended (test clock): log in again
            page = self.request("GET", path)
        return page

    def post(self, path, form=None, files=None):
        return self.request("POST", path, form=form, files=files)

    def login(self, email=None, password=None, next_path=None):
        """Logs in (by default as the admin of company `which`). The test clock stands
        still, so the per-account login limit (R15) of the shared admin would be reached
        within a module: then the clock moves on a minute and the login is tried again."""
        default_email, default_password = self.credentials
        for attempt in range(2):
            login_page = self.request("GET", "/cms/login")
            form = {"csrf": login_page.csrf(), "email": email or default_email,
                    "password": password or default_password}
            if next_path:
                form["next"] = next_path
            page = self.post("/cms/login", form)
            if page.status != 429 or email is not None or attempt == 1:
                return page
            self.server.advance(61)
        return page

    def submit(self, page_path, action, form=(), files=None):
        """Opens `page_path`, then posts `form` (pairs or dict) with its csrf to `action`."""
        page = self.get(page_path)
        assert page.status == 200, (page_path, page.status)
        pairs = list(form.items()) if isinstance(form, dict) else list(form)
        pairs.append(("csrf", page.csrf()))
        if files is not None:
            return self.post(action, files=pairs + list(files))
        return self.post(action, pairs)

    @property
    def session(self):
        return self.cookies.get("usher_session")


def logged_in(server, which=1):
    b = CmsBrowser(server, which)
    r = b.login()
    assert r.status == 303, (r.status, r.text[:500])
    return b


def query_of(location):
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def invite_form(server, **fields):
    """Pairs of a valid invite form (fields override; a list value repeats the field)."""
    form = {"first_name": "Test", "last_name": "Person", "email": None, "phone": "",
            "job_position": "", "external_id": "", "role": "user",
            "store_ids": [], "user_group_ids": [server.groups[0]["id"]], "language": "en",
            "agreement_accepted": "true"}
    form.update(fields)
    if form["email"] is None:
        from usher_http import unique_email
        form["email"] = unique_email("cms")
    pairs = []
    for k, v in form.items():
        if isinstance(v, list):
            pairs += [(k, x) for x in v]
        elif v is not False:
            pairs.append((k, v))
    return pairs
