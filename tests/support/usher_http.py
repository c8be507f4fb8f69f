"""Helpers of the black-box HTTP tests: start a real `usher serve`, talk HTTP to it, read
the Maildir it writes. Standard library only (plus pytest in the test modules)."""

import email
import email.policy
import http.client
import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid

USHER_BIN = os.environ.get("USHER_BIN", "/work/main/build/usher")

# Every field of an invitation (API.md "An invitation").
INVITATION_FIELDS = {
    "id", "user_id", "status", "channel", "first_name", "last_name", "email", "phone",
    "job_position", "external_id", "role", "store_ids", "user_group_ids", "language",
    "invited_at", "expires_at", "days_left", "marker", "last_sent_at", "resend_count",
    "resend_available_at", "reminders_sent", "delivery",
}
USER_FIELDS = {
    "id", "status", "first_name", "last_name", "email", "phone", "job_position",
    "external_id", "role", "language", "store_ids", "user_group_ids", "created_at",
    "activated_at",
}
ME_FIELDS = {"id", "first_name", "last_name", "role", "language", "stores", "user_groups",
             "onboarding"}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
DAY = 86400
# A password that breaks no R10 rule for the names the tests use.
GOOD_PASSWORD = "Velvet-Harbour-Quantum-42"

_STRIPPED_ENV = ("USHER_DB", "USHER_LISTEN", "USHER_PUBLIC_URL", "USHER_SMTP",
                 "USHER_MAIL_FROM", "USHER_MAILDIR", "USHER_SMS_URL")


# ---------------------------------------------------------------- unique test data

_counter = itertools.count(1)
_run = uuid.uuid4().hex[:6]


def unique(prefix="t"):
    return f"{prefix}{_run}{next(_counter)}"


def unique_email(prefix="user"):
    return f"{prefix}.{_run}{next(_counter)}@example.com"


def unique_phone():
    """A valid Belgian mobile number in E.164, different on every call."""
    n = (int(_run, 16) * 7919 + next(_counter) * 104729) % 1_000_000
    return f"+32476{n:06d}"


_sources = itertools.count(1)


def fresh_source():
    """A loopback address of its own (127.20.x.y): the server sees a new client, so the
    per-client rate limits of login and registration (R15) do not leak between tests."""
    n = next(_sources)
    return f"127.20.{(n // 250) % 250}.{n % 250 + 1}"


# ---------------------------------------------------------------- HTTP

class Response:
    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers  # list of (name, value)
        self.body = body

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def text(self):
        return self.body.decode("utf-8")

    @property
    def json(self):
        try:
            return json.loads(self.body)
        except ValueError as e:
            raise AssertionError(f"response is not JSON ({e}): {self.body[:500]!r}") from None

    def __repr__(self):
        return f"<Response {self.status} {self.body[:300]!r}>"


def assert_problem(resp, status=None, code=None):
    """An RFC 9457 problem document (API.md): returns the parsed body."""
    if status is not None:
        assert resp.status == status, f"wanted {status}, got {resp!r}"
    ctype = resp.header("Content-Type") or ""
    assert ctype.startswith("application/problem+json"), f"Content-Type {ctype!r} of {resp!r}"
    body = resp.json
    for key in ("type", "title", "status", "detail", "code"):
        assert key in body, f"problem without {key!r}: {body}"
    assert body["status"] == resp.status, body
    assert isinstance(body["type"], str) and body["type"], body
    assert isinstance(body["title"], str) and body["title"], body
    assert isinstance(body["detail"], str), body
    assert isinstance(body["code"], str) and body["code"], body
    if "errors" in body:
        for e in body["errors"]:
            assert {"field", "code", "message"} <= set(e), e
    if code is not None:
        assert body["code"] == code, f"wanted code {code!r}, got {body}"
    return body


def field_errors(resp):
    """{(field, code), ...} of a 422 validation problem."""
    body = assert_problem(resp, 422)
    return {(e["field"], e["code"]) for e in body.get("errors", [])}


def http_request(port, method, path, body=None, *, token=None, headers=None, data=None,
                 content_type=None, source=None, timeout=30, check=True):
    """One request on its own connection. `body` is sent as JSON; `data` as raw bytes."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                      source_address=(source, 0) if source else None)
    hdrs = {}
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        content_type = content_type or "application/json"
    if content_type is not None:
        hdrs["Content-Type"] = content_type
    if token is not None:
        hdrs["Authorization"] = f"Bearer {token}"
    hdrs.update(headers or {})
    try:
        conn.request(method, path, body=data, headers=hdrs)
        r = conn.getresponse()
        resp = Response(r.status, r.reason, r.getheaders(), r.read())
    finally:
        conn.close()
    if check:
        # Never a server error; every error is a problem document (API.md).
        assert resp.status < 500, f"{method} {path} -> {resp!r}"
        if resp.status >= 400:
            assert_problem(resp)
    return resp


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- the binary

def wait_for_binary(timeout=900):
    """The binary may be rebuilt by others at any time: wait until it exists and has not
    changed for a second."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            st = os.stat(USHER_BIN)
            if os.access(USHER_BIN, os.X_OK) and time.time() - st.st_mtime > 1.0:
                return
        except FileNotFoundError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{USHER_BIN} missing (set USHER_BIN or build it)")
        time.sleep(0.5)


def _env():
    env = {k: v for k, v in os.environ.items() if k not in _STRIPPED_ENV}
    env.setdefault("LANG", "C.UTF-8")
    return env


def run_cli(*args, want_json=True, attempts=5):
    """Runs `usher ARGS...`, retrying while the binary is being rebuilt."""
    last = None
    for _ in range(attempts):
        wait_for_binary()
        try:
            p = subprocess.run([USHER_BIN, *args], capture_output=True, timeout=60, env=_env())
        except OSError as e:  # ETXTBSY, ENOENT, ENOEXEC while the linker writes it
            last = e
            time.sleep(2)
            continue
        if p.returncode == 0:
            return json.loads(p.stdout) if want_json else p.stdout.decode()
        last = f"exit {p.returncode}: {p.stderr.decode(errors='replace')}"
        time.sleep(2)
    raise AssertionError(f"usher {' '.join(args)} failed: {last}")




# ---------------------------------------------------------------- the server

class UsherServer:
    """A fresh database (demo company + a second company), then `usher serve`."""

    OTHER_ADMIN_EMAIL = "admin@other-company.example"
    OTHER_ADMIN_PASSWORD = "Other-Company-Pass-77"

    def __init__(self, test_clock=True, second_company=True, extra_args=()):
        self.test_clock = test_clock
        self.extra_args = list(extra_args)
        self.second_company = second_company
        self.tmp = tempfile.mkdtemp(prefix="usher-http-")
        self.db_path = os.path.join(self.tmp, "usher.db")
        self.db = f"sqlite:{self.db_path}"
        self.maildir = os.path.join(self.tmp, "mail")
        self.log_path = os.path.join(self.tmp, "stderr.log")
        self.proc = None
        self.port = None
        self._tokens = {}
        self._advanced = 0

    # -- lifecycle

    def start(self):
        self.demo = run_cli("demo", "--db", self.db)
        self.company_id = self.demo["company_id"]
        self.admin_email = self.demo["admin_email"]
        self.admin_password = self.demo["admin_password"]
        self.stores = self.demo["stores"]
        self.groups = self.demo["user_groups"]
        if self.second_company:
            self.other = run_cli("company", "create", "--name", "Other Company NV",
                                 "--admin-email", self.OTHER_ADMIN_EMAIL,
                                 "--admin-password", self.OTHER_ADMIN_PASSWORD,
                                 "--db", self.db)
        last_err = ""
        for _ in range(3):
            wait_for_binary()
            self.port = free_port()
            self.public_url = f"http://127.0.0.1:{self.port}"
            args = [USHER_BIN, "serve", "--db", self.db, "--listen", f"127.0.0.1:{self.port}",
                    "--public-url", self.public_url]
            if self.test_clock:
                args.append("--test-clock")
            args += ["--maildir", self.maildir] + self.extra_args
            self.args = args
            with open(self.log_path, "ab") as err, open(
                    os.path.join(self.tmp, "stdout.log"), "ab") as out:
                try:
                    self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out,
                                                 stderr=err, env=_env())
                except OSError as e:
                    last_err = str(e)
                    time.sleep(2)
                    continue
            if self._wait_healthy():
                return self
            last_err = self.log_text()
        raise AssertionError(f"usher serve did not start: {last_err[-2000:]}")

    def _wait_healthy(self, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                if http_request(self.port, "GET", "/healthz", timeout=2).status == 200:
                    return True
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        self.proc.kill()
        self.proc.wait()
        return False

    def kill9(self):
        """Kills the process without warning (SIGKILL), as a crash would."""
        self.proc.kill()
        self.proc.wait()

    def restart(self):
        """Starts the same `usher serve` again on the same database and port."""
        with open(self.log_path, "ab") as err, open(
                os.path.join(self.tmp, "stdout.log"), "ab") as out:
            self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=out,
                                         stderr=err, env=_env())
        assert self._wait_healthy(), self.log_text()[-2000:]
        return self

    def stop(self, timeout=10):
        """SIGTERM; returns the exit status (None when it had to be killed)."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def cleanup(self):
        if os.environ.get("USHER_KEEP_TMP"):
            return
        shutil.rmtree(self.tmp, ignore_errors=True)

    def log_text(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def server_error_lines(self):
        return [l for l in self.log_text().splitlines() if re.search(r"\bstatus=5\d\d\b", l)]

    # -- HTTP

    def request(self, method, path, body=None, **kw):
        return http_request(self.port, method, path, body, **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    # -- admins

    def login(self, email, password, source=None):
        return self.post("/api/v1/auth/login", {"email": email, "password": password},
                         source=source or fresh_source())

    def admin_token(self, which=1):
        """A bearer token of the demo admin (1) or of the second company's admin (2),
        reused within the server's life (logins cost an Argon2 verification)."""
        if which not in self._tokens:
            email, password = ((self.admin_email, self.admin_password) if which == 1 else
                               (self.OTHER_ADMIN_EMAIL, self.OTHER_ADMIN_PASSWORD))
            r = self.login(email, password)
            assert r.status == 200, r
            self._tokens[which] = r.json["token"]
        return self._tokens[which]

    @property
    def token(self):
        return self.admin_token(1)

    @property
    def token2(self):
        return self.admin_token(2)

    def other_group(self):
        """A user group of the second company (created once)."""
        if not hasattr(self, "_other_group"):
            r = self.post("/api/v1/user-groups", {"name": "Other crew"}, token=self.token2)
            assert r.status == 201, r
            self._other_group = r.json
        return self._other_group

    def other_store(self):
        if not hasattr(self, "_other_store"):
            r = self.post("/api/v1/stores", {"name": "Other shop", "code": "OTH-1"},
                          token=self.token2)
            assert r.status == 201, r
            self._other_store = r.json
        return self._other_store

    # -- test clock

    def now(self):
        r = self.get("/api/v1/_test/clock")
        assert r.status == 200, r
        return r.json["now"]

    def advance(self, seconds):
        """Moves the test clock and runs every due job (incl. one outbox pass)."""
        r = self.post("/api/v1/_test/clock", {"advance_seconds": seconds})
        assert r.status == 200, r
        self._advanced += seconds
        if self._advanced >= 11 * 3600:  # admin sessions last 12 h
            self._tokens.clear()
            self._advanced = 0
        return r.json["now"]

    def deliver(self):
        return self.advance(0)

    # -- invitations

    def invite_form(self, **fields):
        form = {"first_name": "Test", "last_name": "Person", "email": unique_email(),
                "language": "en", "agreement_accepted": True,
                "user_group_ids": [self.groups[0]["id"]]}
        for k, v in fields.items():
            if v is OMIT:
                form.pop(k, None)
            else:
                form[k] = v
        return form

    def post_invitation(self, form, token=None, **kw):
        return self.post("/api/v1/invitations", form, token=token or self.token, **kw)

    def invite(self, token=None, **fields):
        """Invites with a valid form (fields override it); returns the invitation."""
        r = self.post_invitation(self.invite_form(**fields), token=token)
        assert r.status == 201, r
        return r.json

    def get_invitation(self, inv_id, token=None):
        return self.get(f"/api/v1/invitations/{inv_id}", token=token or self.token)

    def list_invitations(self, token=None, **query):
        from urllib.parse import urlencode
        qs = urlencode(query)
        r = self.get("/api/v1/invitations" + (f"?{qs}" if qs else ""),
                     token=token or self.token)
        return r

    def total(self, token=None):
        r = self.list_invitations(token=token)
        assert r.status == 200, r
        return r.json["total"]

    # -- Maildir

    def mail_files(self):
        out = []
        for sub in ("new", "cur"):
            d = os.path.join(self.maildir, sub)
            try:
                names = os.listdir(d)
            except FileNotFoundError:
                continue
            for n in names:
                p = os.path.join(d, n)
                try:
                    out.append((os.stat(p).st_mtime_ns, n, p))
                except FileNotFoundError:
                    pass
        out.sort()
        return [p for _, _, p in out]

    def messages_for(self, recipient):
        """[(path, message)] sent to `recipient`, oldest first."""
        found = []
        for p in self.mail_files():
            with open(p, "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
            if recipient_matches(msg, recipient):
                found.append((p, msg))
        return found

    def wait_message(self, recipient, exclude=(), timeout=5):
        """Runs the due work, then returns the newest message to `recipient` whose file is
        not in `exclude`."""
        deadline = time.monotonic() + timeout
        while True:
            self.deliver()
            fresh = [(p, m) for p, m in self.messages_for(recipient) if p not in exclude]
            if fresh:
                return fresh[-1]
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no message to {recipient} in the Maildir {self.maildir} "
                    f"({len(self.mail_files())} message files there)")
            time.sleep(0.1)

    def token_for(self, recipient, exclude=()):
        """The registration token of the newest message to `recipient`."""
        _, msg = self.wait_message(recipient, exclude)
        return registration_token(msg, self.public_url)

    # -- registration and the app

    def registration(self, token, source=None):
        return self.get(f"/api/v1/registration/{token}", source=source or fresh_source())

    def register(self, token, password=GOOD_PASSWORD, language="en", source=None):
        return self.post(f"/api/v1/registration/{token}",
                         {"password": password, "language": language},
                         source=source or fresh_source())

    def app_login(self, login, password, source=None):
        return self.post("/api/v1/app/login", {"login": login, "password": password},
                         source=source or fresh_source())

    def invite_and_register(self, password=GOOD_PASSWORD, **fields):
        """Invites, reads the link from the Maildir, registers: (invitation, user_id)."""
        inv = self.invite(**fields)
        token = self.token_for(inv["email"])
        r = self.register(token, password)
        assert r.status == 201, r
        return inv, r.json["user_id"]


class _Omit:
    def __repr__(self):
        return "OMIT"


OMIT = _Omit()


def recipient_matches(msg, recipient):
    """The To address of an e-mail (or, for an SMS written to the Maildir when no gateway
    is configured, its X-Usher-Sms-To header)."""
    if msg["X-Usher-Sms-To"] is not None and str(msg["X-Usher-Sms-To"]).strip() == recipient:
        return True
    header = msg["To"]
    if header is None:
        return False
    try:
        addrs = [a.addr_spec for a in header.addresses]
    except Exception:  # noqa: BLE001 - an unparsable header falls back to text search
        return recipient.lower() in str(header).lower()
    return any(a.lower() == recipient.lower() for a in addrs)


def text_part(msg):
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None, f"no text/plain part in {msg['Subject']!r}"
    return part.get_content()


def registration_token(msg, public_url):
    """The token of the line `{public_url}/register/{TOKEN}` of the text part."""
    pattern = re.compile("^" + re.escape(public_url) + r"/register/([A-Za-z0-9_-]{43})$")
    for line in text_part(msg).splitlines():
        m = pattern.match(line.strip())
        if m:
            return m.group(1)
    raise AssertionError(f"no line {public_url}/register/TOKEN in:\n{text_part(msg)}")


def assert_invitation(inv):
    """The shape of an invitation (API.md)."""
    assert set(inv) == INVITATION_FIELDS, set(inv) ^ INVITATION_FIELDS
    assert inv["status"] in ("pending", "accepted", "revoked")
    assert inv["channel"] in ("email", "sms")
    assert inv["role"] in ("user", "manager")
    assert inv["marker"] in ("none", "yellow", "red")
    assert inv["delivery"] in ("queued", "sent", "retrying", "failed")
    assert isinstance(inv["days_left"], int)
    assert isinstance(inv["resend_count"], int) and isinstance(inv["reminders_sent"], int)
    assert isinstance(inv["store_ids"], list) and isinstance(inv["user_group_ids"], list)
    for k in ("invited_at", "expires_at", "resend_available_at"):
        assert RFC3339.match(inv[k]), (k, inv[k])
    assert inv["last_sent_at"] is None or RFC3339.match(inv["last_sent_at"])
    return inv
