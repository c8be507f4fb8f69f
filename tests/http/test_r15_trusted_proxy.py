"""R15 behind a reverse proxy: rate limits key on the client the proxy saw, and only a
trusted proxy's X-Forwarded-For is believed."""

import pytest

from usher_http import UsherServer, assert_problem


@pytest.fixture(scope="module")
def proxied():
    srv = UsherServer(extra_args=["--trusted-proxy", "127.0.0.1"]).start()
    yield srv
    assert srv.stop() == 0
    srv.cleanup()


def login(srv, n, forwarded_for):
    return srv.request("POST", "/api/v1/auth/login",
                       {"email": f"nobody{n}@example.com", "password": "wrong password"},
                       headers={"X-Forwarded-For": forwarded_for}, check=False)


def test_r15_login_limit_per_forwarded_client(proxied):
    for n in range(20):
        assert login(proxied, n, "198.51.100.7").status == 401
    assert_problem(login(proxied, 20, "198.51.100.7"), 429, "too_many_attempts")
    assert login(proxied, 21, "198.51.100.8").status == 401  # another client is not limited
    # A client cannot pick a fresh address: the proxy appends the one it saw.
    assert_problem(login(proxied, 22, "203.0.113.1, 198.51.100.7"), 429, "too_many_attempts")
