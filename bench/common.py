"""Shared by the Python benchmarks: start `usher serve` on a database, log in, time
requests over one keep-alive connection, percentiles. Standard library only."""

import http.client
import json
import os
import signal
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, p):
    """The p-th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def rss_kib(pid):
    """VmRSS of process `pid` in KiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Server:
    """`usher serve` on `db_path` (a SQLite file), stderr to a log file beside it."""

    def __init__(self, usher, db_path, extra_args=(), workdir=None):
        self.usher = usher
        self.db_path = db_path
        self.workdir = workdir or os.path.dirname(db_path)
        self.extra_args = list(extra_args)
        self.port = free_port()
        self.log_path = os.path.join(self.workdir, "serve.log")
        self.proc = None
        self.started_at = None

    def start(self, wait=True):
        args = [self.usher, "serve", "--db", f"sqlite:{self.db_path}",
                "--listen", f"127.0.0.1:{self.port}",
                "--maildir", os.path.join(self.workdir, "mail")] + self.extra_args
        env = {k: v for k, v in os.environ.items() if not k.startswith("USHER_")}
        self.log = open(self.log_path, "ab")
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=self.log, env=env)
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout=120, path="/readyz", interval=0.002):
        """Seconds from start until `path` answers 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"usher serve exited: {self.log_tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", path)
                ok = conn.getresponse().status == 200
                conn.close()
                if ok:
                    return time.monotonic() - self.started_at
            except OSError:
                pass
            time.sleep(interval)
        raise RuntimeError(f"usher serve not ready: {self.log_tail()}")

    def log_tail(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-2000:].decode(errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.log.close()

    def client(self):
        return Client(self.port)

    def login(self, email, password):
        c = self.client()
        status, body = c.request("POST", "/api/v1/auth/login",
                                 {"email": email, "password": password})
        c.close()
        if status != 200:
            raise RuntimeError(f"login failed: {status} {body[:200]!r}")
        return json.loads(body)["token"]


class Client:
    """One keep-alive HTTP connection; request() returns (status, body bytes)."""

    def __init__(self, port, token=None):
        self.port = port
        self.token = token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def request(self, method, path, body=None):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                r = self.conn.getresponse()
                return r.status, r.read()
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        raise AssertionError("unreachable")

    def timed(self, method, path, body=None):
        """(milliseconds, status, body)."""
        t = time.perf_counter()
        status, out = self.request(method, path, body)
        return (time.perf_counter() - t) * 1000, status, out

    def close(self):
        self.conn.close()
