"""Fixtures: a real `usher serve` per module (`server`) or per test (`fresh_server`,
`server_factory`). Teardown sends SIGTERM and requires exit status 0 (graceful stop) and
no 5xx answer in the server's log."""

import os
import sys

import pytest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

from usher_http import UsherServer  # noqa: E402


def _finish(srv):
    rc = srv.stop()
    errors = srv.server_error_lines()
    log = srv.log_text()
    if rc == 0 and not errors:
        srv.cleanup()
    assert rc == 0, \
        f"usher serve did not exit 0 within 10 s of SIGTERM (rc={rc}); log:\n{log[-3000:]}"
    assert not errors, "5xx answers in the log:\n" + "\n".join(errors[:20])


@pytest.fixture(scope="module")
def server():
    """One server per test module (tests use distinct e-mails and do not move the clock
    much)."""
    srv = UsherServer().start()
    yield srv
    _finish(srv)


@pytest.fixture
def fresh_server():
    """A server of its own, for tests that move the clock far or count things."""
    srv = UsherServer().start()
    yield srv
    _finish(srv)


@pytest.fixture
def server_factory():
    """Starts servers with options (e.g. test_clock=False); all are stopped at the end."""
    started = []

    def make(**kw):
        srv = UsherServer(**kw).start()
        started.append(srv)
        return srv

    yield make
    failures = []
    for srv in started:
        try:
            _finish(srv)
        except AssertionError as e:
            failures.append(str(e))
    assert not failures, "\n".join(failures)
