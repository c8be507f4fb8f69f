"""R11: no message is lost when the process is killed while delivering; only the messages in
flight at the kill (handed over, not yet recorded: one per delivery connection) may arrive
twice."""

import collections
import time

from conftest import finish
from usher_http import UsherServer, unique

N = 300
CONNECTIONS = 2


def test_r11_kill_9_while_delivering_loses_nothing(smtp):
    srv = UsherServer(test_clock=False,
                      extra_args=["--smtp", smtp.url, "--job-interval", "1",
                                  "--delivery-connections", str(CONNECTIONS)]).start()
    try:
        before = len(smtp.messages())
        prefix = unique("crash")
        ids = set()
        for i in range(N):
            ids.add(srv.invite(email=f"{prefix}.{i}@example.com")["id"])
        # Kill while the worker is in the middle of the queue.
        deadline = time.monotonic() + 30
        while len(smtp.messages()) - before < N // 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        srv.kill9()
        at_kill = len(smtp.messages()) - before
        assert 0 < at_kill < N, f"delivered {at_kill} of {N} before the kill: not mid-queue"

        srv.restart()
        # Claims of the killed process are taken over when their lease (30 s) ends.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            got = collections.Counter(m["X-Usher-Invitation"] for m in smtp.messages()
                                      if m["X-Usher-Invitation"] in ids)
            if len(got) == N:
                break
            time.sleep(0.5)
        missing = ids - set(got)
        duplicates = sum(n - 1 for n in got.values())
        print(f"\ndelivered before the kill: {at_kill}; after restart all {len(got)} of {N}; "
              f"duplicates: {duplicates}")
        assert not missing, f"{len(missing)} invitations never got their message"
        # Each connection hands over one message at a time: at most those can repeat.
        assert duplicates <= CONNECTIONS, got.most_common(3)
    finally:
        finish(srv)
