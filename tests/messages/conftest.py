"""Fixtures of the message tests: a real SMTP server (aiosmtpd), a real SMS gateway
(Kannel with fakesmsc) and `usher serve` delivering to them."""

import email
import email.policy
import mailbox
import os
import socket
import subprocess
import sys
import tempfile
import time

import pytest

sys.dont_write_bytecode = True
SUPPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support")
sys.path.insert(0, SUPPORT)

from kannel import Kannel  # noqa: E402
from usher_http import UsherServer  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    """aiosmtpd on 127.0.0.1 storing every accepted message in a Maildir."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.dir = tempfile.mkdtemp(prefix="usher-smtp-")
        self.maildir = os.path.join(self.dir, "maildir")  # must not exist yet
        self.proc = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def start(self):
        self.proc = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(SUPPORT, "smtp_sink.py"), str(self.port),
             self.maildir], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        assert self.proc.stdout.readline().strip() == b"ready", "aiosmtpd did not start"
        return self

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def messages(self):
        """Every message received, parsed, oldest first."""
        if not os.path.isdir(self.maildir):
            return []
        box = mailbox.Maildir(self.maildir, factory=None, create=False)
        msgs = [email.message_from_bytes(box.get_bytes(k), policy=email.policy.default)
                for k in box.keys()]
        return sorted(msgs, key=lambda m: m["Date"].datetime if m["Date"] else 0)

    def raw_headers_to(self, address):
        """The header block of each message to `address`, as received (bytes)."""
        box = mailbox.Maildir(self.maildir, factory=None, create=False)
        out = []
        for k in box.keys():
            raw = box.get_bytes(k)
            head = raw.split(b"\n\n", 1)[0]
            if address.lower().encode() in head.lower():
                out.append(head)
        return out

    def messages_to(self, address):
        return [m for m in self.messages() if address.lower() in (m["X-RcptTo"] or "").lower()]

    def wait_count(self, n, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages()) >= n:
                return True
            time.sleep(0.2)
        return False


@pytest.fixture(scope="module")
def smtp():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture(scope="module")
def kannel():
    k = Kannel().start()
    yield k
    k.stop()


def finish(srv):
    rc = srv.stop()
    assert rc == 0, f"usher serve did not stop cleanly (rc={rc}):\n{srv.log_text()[-3000:]}"
    assert not srv.server_error_lines(), srv.server_error_lines()
    srv.cleanup()


@pytest.fixture(scope="module")
def usher(smtp, kannel):
    """usher serve with the test clock, delivering e-mail to aiosmtpd and SMS to Kannel."""
    srv = UsherServer(extra_args=["--smtp", smtp.url, "--sms-url", kannel.url,
                                  "--mail-from", "Demo Retail <invites@demo-retail.example>"])
    srv.start()
    yield srv
    finish(srv)
