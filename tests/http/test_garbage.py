"""Garbage in: broken HTTP on raw sockets, oversized requests, bad JSON, wrong types,
unknown paths and methods, idle connections. The server answers 4xx problems (or closes),
never 5xx, and keeps serving."""

import json
import re
import socket
import time

import pytest

from usher_http import assert_problem, field_errors, http_request

INVITATIONS = "/api/v1/invitations"


class Raw:
    """The parsed answer of a raw exchange (status None when the server just closed)."""

    def __init__(self, data):
        self.data = data
        self.status = None
        self.headers = {}
        self.body = b""
        if not data:
            return
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        m = re.match(r"^HTTP/1\.[01] (\d{3}) ", lines[0] + " ")
        assert m, f"not an HTTP response: {data[:200]!r}"
        self.status = int(m.group(1))
        for line in lines[1:]:
            k, _, v = line.partition(":")
            self.headers[k.strip().lower()] = v.strip()
        n = int(self.headers.get("content-length", len(body)))
        self.body = body[:n]

    def header(self, name):
        return self.headers.get(name.lower())

    @property
    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"<Raw {self.data[:300]!r}>"


def complete(data):
    """True once `data` holds one whole response (header and Content-Length body)."""
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    m = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", head)
    return m is not None and len(body) >= int(m.group(1))


def raw(server, data, timeout=5, shut_write=False):
    """Sends bytes on a new connection and reads until the server closes it (or answers
    one response with Connection: close)."""
    s = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    out = b""
    try:
        try:
            s.sendall(data)
            if shut_write:
                s.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                break
            if not chunk:
                break
            out += chunk
            if complete(out):
                break
    finally:
        s.close()
    return Raw(out)


def problem_of(r, status, code=None):
    """A raw answer that is a problem document with this status."""
    assert r.status == status, r
    assert r.header("content-type").startswith("application/problem+json"), r
    body = r.json
    assert {"type", "title", "status", "detail", "code"} <= set(body), body
    assert body["status"] == status
    if code:
        assert body["code"] == code, body
    return body


def req(method, path, headers=(), body=b""):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in headers]
    if body and not any(k.lower() in ("content-length", "transfer-encoding") for k, _ in headers):
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


# ------------------------------------------------------------------ broken HTTP

@pytest.mark.parametrize("data", [
    b"GET /heal",                                                   # cut in the request line
    b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Half: ",                # cut in the headers
    req("POST", "/api/v1/auth/login", [("Content-Type", "application/json"),
                                       ("Content-Length", "100")]) + b'{"email',
    b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
    b"Content-Type: application/json\r\n\r\n10\r\n{\"ema",             # cut in a chunk
], ids=["request-line", "headers", "body", "chunk"])
def test_truncated_request_then_close(server, data):
    r = raw(server, data, timeout=3, shut_write=True)
    assert r.status is None or 400 <= r.status < 500, r
    assert server.get("/healthz").status == 200


@pytest.mark.parametrize("data", [
    b"GARBAGE\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64,   # a TLS hello
    b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n",
    b"GET /healthz\r\n\r\n",
    b"GET  HTTP/1.1\r\n\r\n",
    b"\r\n\r\n\r\n\r\n",
    b"GET /healthz HTTP/1.1\r\nHost x\r\n\r\n",                      # header without colon
    b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x01b\r\n\r\n",        # control in a header
    b"GET /heal\x00thz HTTP/1.1\r\nHost: x\r\n\r\n",                   # NUL in the path
    b"GET /h\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
    b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3"
    b"\r\n\r\n{}",
    b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
    b"Content-Length: 5\r\n\r\n0\r\n\r\n",
    b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"ZZ\r\nxx\r\n0\r\n\r\n",
])
def test_request_line_and_framing_garbage_400(server, data):
    r = raw(server, data)
    assert r.status is not None and 400 <= r.status < 500, r
    problem_of(r, r.status)


def test_header_of_100_kb_431(server):
    r = raw(server, req("GET", "/healthz", [("X-Big", "a" * 100_000)]))
    problem_of(r, 431)


def test_many_headers_431(server):
    r = raw(server, req("GET", "/healthz", [(f"X-H{i}", "v" * 20) for i in range(5000)]))
    problem_of(r, 431)


def test_url_of_100_kb_4xx(server):
    r = raw(server, req("GET", "/api/v1/invitations/" + "a" * 100_000))
    assert r.status in (414, 431), r
    problem_of(r, r.status)


def test_body_over_1_mib_413(server):
    r = raw(server, req("POST", INVITATIONS, [("Content-Type", "application/json"),
                                              ("Authorization", f"Bearer {server.token}"),
                                              ("Content-Length", str((1 << 20) + 1))]))
    problem_of(r, 413)


def test_body_over_1_mib_sent_413(server):
    body = b'{"first_name": "' + b"a" * (1 << 20) + b'"}'
    r = raw(server, req("POST", INVITATIONS, [("Content-Type", "application/json"),
                                              ("Authorization", f"Bearer {server.token}")],
                        body), timeout=10)
    if r.status is not None:  # the server may also close while the client still writes
        problem_of(r, 413)
    assert server.total() >= 0


def test_chunked_body_over_1_mib_413(server):
    chunk = b"a" * 65536
    body = b"".join(b"%x\r\n" % len(chunk) + chunk + b"\r\n" for _ in range(20)) + b"0\r\n\r\n"
    r = raw(server, req("POST", INVITATIONS, [("Content-Type", "application/json"),
                                              ("Authorization", f"Bearer {server.token}"),
                                              ("Transfer-Encoding", "chunked")], body),
            timeout=10)
    if r.status is not None:
        problem_of(r, 413)


# ------------------------------------------------------------------ bad JSON

def post_raw_json(server, data, content_type="application/json", path=INVITATIONS):
    return http_request(server.port, "POST", path, data=data, content_type=content_type,
                        token=server.token)


@pytest.mark.parametrize("data", [b"{", b"{'first_name': 'x'}", b'{"a":1,}', b"nul",
                                  b'{"first_name": "x"} trailing', b"", b"\xef\xbb\xbf{}x",
                                  b'{"a": "\\ud800"', b'{"a": 01}', b'{"a": NaN}'])
def test_invalid_json_400_malformed_json(server, data):
    assert_problem(post_raw_json(server, data), 400, "malformed_json")


@pytest.mark.parametrize("data", [b"[]", b'[{"first_name": "x"}]', b'"text"', b"42", b"null",
                                  b"true"])
def test_json_that_is_not_an_object_400(server, data):
    assert_problem(post_raw_json(server, data), 400)


def test_deeply_nested_json_400(server):
    for data in (b"[" * 10_000, b"[" * 10_000 + b"]" * 10_000,
                 b'{"a":' * 10_000 + b"1" + b"}" * 10_000):
        assert_problem(post_raw_json(server, data), 400)
    assert server.get("/healthz").status == 200


@pytest.mark.parametrize("data", [b'{"first_name": "Ana\xff"}', b'{"first_name": "\xc3\x28"}',
                                  b'{"first_name": "\xed\xa0\x80"}', b'{"\xfe": 1}'])
def test_invalid_utf8_in_json_400(server, data):
    assert_problem(post_raw_json(server, data), 400)


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/xml",
                                          "application/jsonx", "json"])
def test_wrong_content_type_415(server, content_type):
    form = json.dumps(server.invite_form()).encode()
    r = post_raw_json(server, form, content_type=content_type)
    assert_problem(r, 415, "unsupported_media_type")


def test_json_content_type_with_charset_accepted(server):
    r = post_raw_json(server, json.dumps(server.invite_form()).encode(),
                      content_type="application/json; charset=utf-8")
    assert r.status == 201, r


@pytest.mark.parametrize("field,value", [
    ("first_name", 5), ("last_name", ["x"]), ("email", {"a": 1}), ("phone", 32470123456),
    ("job_position", True), ("external_id", 1.5), ("role", 1), ("store_ids", "x"),
    ("store_ids", [1]), ("user_group_ids", "x"), ("user_group_ids", [None]),
    ("agreement_accepted", "yes"), ("agreement_accepted", 1), ("language", ["en"]),
])
def test_wrong_json_types_422_invalid_type(server, field, value):
    before = server.total()
    r = server.post_invitation(server.invite_form(**{field: value}))
    assert (field, "invalid_type") in field_errors(r)
    assert server.total() == before


def test_unknown_fields_422_unknown_field(server):
    r = server.post_invitation(server.invite_form(admin=True, id="x", status="accepted"))
    errors = field_errors(r)
    assert {("admin", "unknown_field"), ("id", "unknown_field"), ("status", "unknown_field")} \
        <= errors
    r = server.post("/api/v1/stores", {"name": "X", "company_id": "y"}, token=server.token)
    assert ("company_id", "unknown_field") in field_errors(r)
    r = server.patch("/api/v1/company", {"name": "Renamed"}, token=server.token)
    assert ("name", "unknown_field") in field_errors(r)


def test_wrong_types_everywhere_else_422(server):
    r = server.patch("/api/v1/company", {"validity_days": "60", "reminder_days": "3"},
                     token=server.token)
    assert {("validity_days", "invalid_type"), ("reminder_days", "invalid_type")} <= \
        field_errors(r)
    r = server.post("/api/v1/_test/clock", {"advance_seconds": "1"})
    assert ("advance_seconds", "invalid_type") in field_errors(r)
    r = server.post("/api/v1/stores", {"name": 1}, token=server.token)
    assert ("name", "invalid_type") in field_errors(r)


# ------------------------------------------------------------------ paths and methods

@pytest.mark.parametrize("path", ["/", "/nope", "/api", "/api/v2/invitations",
                                  "/API/V1/INVITATIONS",
                                  "/api/v1/invitations/x/y/z", "/healthz/", "/.env",
                                  "/api/v1/_test/clock/x"])
def test_unknown_path_404_problem(server, path):
    assert_problem(server.get(path, token=server.token), 404)


@pytest.mark.parametrize("method,path,allowed", [
    ("PUT", INVITATIONS, {"GET", "POST"}),
    ("DELETE", INVITATIONS, {"GET", "POST"}),
    ("POST", "/healthz", {"GET"}),
    ("GET", "/api/v1/auth/login", {"POST"}),
    ("PATCH", "/api/v1/stores/x", {"DELETE"}),
    ("GET", f"{INVITATIONS}/x/resend", {"POST"}),
    ("POST", "/api/v1/app/me/language", {"PUT"}),
])
def test_wrong_method_405_with_allow(server, method, path, allowed):
    r = server.request(method, path, token=server.token)
    assert_problem(r, 405)
    allow = {m.strip() for m in (r.header("Allow") or "").split(",")}
    assert allowed <= allow, allow


@pytest.mark.parametrize("path", [
    "/api/v1/invitations/%ZZ", "/api/v1/invitations/%00", "/api/v1/invitations/%FF%FE",
    "/api/v1/invitations/%", "/api/v1/invitations/%2", "/api/v1/%2e%2e/%2e%2e/etc/passwd",
    "/api/v1/invitations/..%2F..%2Fusers", "/%00", "/api/v1/users/%0d%0aSet-Cookie:%20x=y",
    "/api/v1/invitations/" + "%F0%9F%92%A9" * 50,
])
def test_percent_encoded_garbage_in_path_4xx(server, path):
    r = server.get(path, token=server.token)
    assert 400 <= r.status < 500, r
    assert "set-cookie" not in {k.lower() for k, _ in r.headers}


@pytest.mark.parametrize("query", ["limit=%00&sort=%FF", "q=%ZZ&q=%00", "=&&&=x", "q=%FF%FE",
                                   "q=" + "%F0%9F%92%A9" * 40, "cursor=%00%00", "marker=%0a",
                                   "store_id=%27%20OR%201=1--", "q=%25%5F"])
def test_percent_encoded_garbage_in_query_200_or_422(server, query):
    r = server.get(f"{INVITATIONS}?{query}", token=server.token)
    assert r.status in (200, 422), r
    if r.status == 200:
        assert set(r.json) == {"items", "next_cursor", "total"}


def test_nul_and_garbage_in_ids_4xx_on_every_id_route(server):
    for bad in ("%00", "%FF", "%27%20OR%201=1--", "x%22%3E%3Cscript%3E"):
        for method, path in (("GET", f"{INVITATIONS}/{bad}"), ("PATCH", f"{INVITATIONS}/{bad}"),
                             ("DELETE", f"{INVITATIONS}/{bad}"),
                             ("POST", f"{INVITATIONS}/{bad}/resend"),
                             ("DELETE", f"/api/v1/stores/{bad}"), ("GET", f"/api/v1/users/{bad}"),
                             ("PATCH", f"/api/v1/users/{bad}"),
                             ("GET", f"/api/v1/registration/{bad}")):
            body = {"first_name": "X"} if method == "PATCH" and "invitations" in path else (
                {"job_position": "X"} if method == "PATCH" else None)
            r = server.request(method, path, body, token=server.token)
            assert r.status == 404, (method, path, r)


# ------------------------------------------------------------------ idle connections

def test_slowloris_idle_connections_do_not_block_other_clients(server):
    idle = []
    try:
        for i in range(50):
            s = socket.create_connection(("127.0.0.1", server.port))
            if i % 2:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # never finished
            idle.append(s)
        for _ in range(3):
            for s in idle[1::2]:
                s.sendall(b"a")
            start = time.monotonic()
            assert server.get("/healthz").status == 200
            r = server.list_invitations()
            assert r.status == 200
            assert time.monotonic() - start < 10  # well under the 30 s read timeout
            time.sleep(0.2)
    finally:
        for s in idle:
            s.close()


def test_keep_alive_connection_serves_many_requests(server):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        one = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        s.sendall(one * 20)  # pipelined
        data = b""
        deadline = time.monotonic() + 5
        while data.count(b"HTTP/1.1 200") < 20 and time.monotonic() < deadline:
            data += s.recv(65536)
        assert data.count(b"HTTP/1.1 200") == 20
    finally:
        s.close()


# ------------------------------------------------------------------ after all of it

def test_zz_server_still_healthy_and_never_answered_5xx(server):
    assert server.get("/healthz").status == 200
    assert server.get("/readyz").status == 200
    assert server.proc.poll() is None, "the server died"
    time.sleep(0.1)
    assert server.server_error_lines() == []
    metrics = server.get("/metrics").text
    assert not re.search(r'status="5\d\d"', metrics), \
        [l for l in metrics.splitlines() if re.search(r'status="5\d\d"', l)]
