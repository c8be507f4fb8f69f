"""Operations: health, readiness, metrics, OpenAPI, the test clock's absence in
production, graceful shutdown, and what the logs may (not) say."""

import json
import re
import signal
import socket
import time

from usher_http import GOOD_PASSWORD, OMIT, assert_problem

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{((?:[^"}]|"(?:[^"\\]|\\.)*")*)\})? '
                    r'(-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')
REQUEST_LINE = re.compile(r"msg=request method=[A-Z]+ route=(/\S*|unmatched) status=\d{3} "
                          r"duration_ms=\d+(\.\d+)? request_id=[0-9A-Za-z_-]+$")


def parse_metrics(text):
    """[(name, {label: value}, value)]; fails on any line that is not Prometheus text."""
    samples, types = [], {}
    for line in text.splitlines():
        if not line:
            continue
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            types[name] = kind
            continue
        if line.startswith("# HELP ") or line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        assert m, f"not a Prometheus sample: {line!r}"
        labels = dict(LABEL.findall(m.group(3) or ""))
        samples.append((m.group(1), labels, float(m.group(4))))
    return samples, types


def test_healthz_and_readyz(server):
    r = server.get("/healthz")
    assert r.status == 200
    r = server.get("/readyz")
    assert r.status == 200
    assert server.request("HEAD", "/healthz").status == 200


def test_metrics_prometheus_text_with_route_labels_never_raw_ids(server):
    inv = server.invite()
    server.invite(email=OMIT, phone="+32470999888")
    server.get_invitation(inv["id"])
    server.get(f"/api/v1/users/{inv['user_id']}", token=server.token)
    server.get(f"/no/such/path/{inv['id']}")  # 404, unmatched
    server.deliver()
    r = server.get("/metrics")
    assert r.status == 200
    assert r.header("Content-Type").startswith("text/plain")
    text = r.text
    samples, types = parse_metrics(text)
    names = {n for n, _, _ in samples}
    assert "usher_http_requests_total" in names
    assert "usher_http_request_duration_seconds_bucket" in names
    assert types.get("usher_http_requests_total") == "counter"
    assert types.get("usher_http_request_duration_seconds") == "histogram"
    for raw in (inv["id"], inv["user_id"], inv["email"], server.token, "/no/such/path"):
        assert raw not in text, f"{raw} in /metrics"
    routes = {l["route"] for n, l, _ in samples if n == "usher_http_requests_total"}
    assert "/api/v1/invitations/{id}" in routes and "/api/v1/users/{id}" in routes
    assert "/api/v1/invitations" in routes
    for route in routes:
        assert route == "unmatched" or route.startswith("/"), route
    posted = [v for n, l, v in samples if n == "usher_http_requests_total"
              and l == {"method": "POST", "route": "/api/v1/invitations", "status": "201"}]
    assert posted == [2.0]
    buckets = [l for n, l, _ in samples if n == "usher_http_request_duration_seconds_bucket"]
    assert all("le" in l and "route" in l for l in buckets)
    assert any(l["le"] == "+Inf" for l in buckets)
    pending = [v for n, l, v in samples
               if n == "usher_invitations" and l.get("status") == "pending"]
    assert pending and pending[0] >= 2
    assert any(n == "usher_outbox_messages" for n, _, _ in samples)


def test_metrics_count_invitations_by_state(fresh_server):
    srv = fresh_server
    a = srv.invite()
    srv.invite()
    srv.delete(f"/api/v1/invitations/{a['id']}", token=srv.token)
    samples, _ = parse_metrics(srv.get("/metrics").text)
    pending = [v for n, l, v in samples
               if n == "usher_invitations" and l.get("status") == "pending"]
    assert pending == [1.0]


def test_openapi_document(server):
    r = server.get("/api/openapi.json")
    assert r.status == 200
    assert r.header("Content-Type").startswith("application/json")
    doc = json.loads(r.body)
    assert doc["openapi"] == "3.1.0"
    assert "/api/v1/invitations" in doc["paths"] and "/api/v1/invitations/{id}" in doc["paths"]
    assert "Problem" in doc["components"]["schemas"]


def test_test_clock_paths_404_without_test_clock(server_factory):
    prod = server_factory(test_clock=False, second_company=False)
    for method, body in (("GET", None), ("POST", {"advance_seconds": 86400})):
        r = prod.request(method, "/api/v1/_test/clock", body)
        missing = prod.request(method, "/api/v1/_no_such_thing/clock", body)
        assert_problem(r, 404)
        assert r.header("Allow") is None
        assert (r.status, r.json["code"]) == (missing.status, missing.json["code"])
    # Everything else works there.
    assert prod.get("/healthz").status == 200
    assert prod.invite()["days_left"] == 60


def test_graceful_shutdown_answers_the_request_in_flight(server_factory):
    srv = server_factory(second_company=False)
    idle = socket.create_connection(("127.0.0.1", srv.port))  # an idle keep-alive client
    body = json.dumps({"email": srv.admin_email, "password": srv.admin_password}).encode()
    request = (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
               b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
               + body)
    busy = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    busy.sendall(request)  # Argon2id: the login is still running when the signal comes
    time.sleep(0.03)
    start = time.monotonic()
    srv.proc.send_signal(signal.SIGTERM)
    answer = b""
    try:
        while True:
            chunk = busy.recv(65536)
            if not chunk:
                break
            answer += chunk
    except OSError as e:
        answer += f"<{e!r}>".encode()
    busy.close()
    assert answer.startswith(b"HTTP/1.1 200"), \
        f"the request in flight got no answer on SIGTERM: {answer[:200]!r}"
    assert srv.proc.wait(10) == 0
    assert time.monotonic() - start < 10
    idle.settimeout(2)
    assert idle.recv(1) == b""  # the idle connection was closed, not left hanging
    idle.close()
    # New connections are refused once stopped.
    try:
        socket.create_connection(("127.0.0.1", srv.port), timeout=1).close()
        refused = False
    except OSError:
        refused = True
    assert refused


def test_request_id_is_answered_and_logged(server):
    r = server.get("/healthz")
    rid = r.header("X-Request-Id")
    assert rid and re.match(r"^[0-9A-Za-z_-]+$", rid)
    time.sleep(0.05)
    assert f"request_id={rid}" in server.log_text()


def test_privacy_no_personal_data_of_invitees_in_logs(server_factory):
    srv = server_factory(second_company=False)
    zoe_email = "zoe.logcheck@example.com"
    zoe = srv.invite(first_name="Zoë", last_name="Ñúñez-李", email=zoe_email, phone=OMIT,
                     external_id="EXT-LOGCHECK-1", job_position="Vloermanager")
    sms = srv.invite(first_name="Çağrı", last_name="Öztürk", email=OMIT, phone="+32470123456")
    srv.deliver()
    # Everything that touches the invitees' data: lists, searches, edits, resend, failed
    # logins with their addresses, registration.
    srv.list_invitations(q="Zoë")
    srv.list_invitations(q=zoe_email)
    srv.list_invitations(q="+32470123456")
    srv.get(f"/api/v1/users?q={zoe_email}", token=srv.token)
    srv.patch(f"/api/v1/invitations/{sms['id']}", {"last_name": "Öztürk-Ñúñez"},
              token=srv.token)
    srv.post(f"/api/v1/invitations/{zoe['id']}/resend", token=srv.token)
    srv.post(f"/api/v1/invitations/{zoe['id']}/resend", token=srv.token)  # 429
    srv.post_invitation(srv.invite_form(email=zoe_email))  # 409
    srv.post_invitation(srv.invite_form(email=OMIT, phone="0470 12 34 56"))  # 409
    srv.app_login(zoe_email, "not-registered-yet")
    srv.app_login("+32470123456", "not-registered-yet")
    token = srv.token_for(zoe_email)
    srv.registration(token)
    srv.register(token, "zoe-is-my-name-1")  # 422: contains the name
    srv.register(token, GOOD_PASSWORD)
    srv.app_login(zoe_email, GOOD_PASSWORD)
    srv.app_login(zoe_email, "wrong password!")
    srv.delete(f"/api/v1/invitations/{sms['id']}", token=srv.token)
    srv.deliver()
    assert srv.stop() == 0
    log = srv.log_text()
    lines = log.splitlines()
    assert lines, "no log at all"
    forbidden = ["zoe.logcheck", "logcheck", "example.com", "+32470123456", "32470123456",
                 "470123456", "0470 12 34 56", "Zoë", "Zo%C3%AB", "Ñúñez", "李", "Çağrı",
                 "Öztürk", "EXT-LOGCHECK", "Vloermanager", token, GOOD_PASSWORD]
    for line in lines:
        for word in forbidden:
            assert word.lower() not in line.lower(), f"{word!r} in log line: {line}"
    assert any(re.search(r"msg=request method=POST route=/api/v1/invitations status=201 "
                         r"duration_ms=\d+(\.\d+)? request_id=\S+$", l) for l in lines), log
    assert any("route=/api/v1/registration/{token} status=201" in l for l in lines), log
    request_lines = [l for l in lines if "msg=request " in l]
    assert len(request_lines) >= 20
    for l in request_lines:
        assert REQUEST_LINE.search(l), l
