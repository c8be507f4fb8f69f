"""Messages delivered per second by one `usher worker` to a local aiosmtpd over a reused
connection. Usage: /usr/bin/python3 bench/deliver.py PATH/TO/usher [N]"""

import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "messages"))
os.environ["USHER_BIN"] = os.path.abspath(sys.argv[1])

from conftest import SmtpSink  # noqa: E402
from usher_http import USHER_BIN, UsherServer  # noqa: E402

n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
sink = SmtpSink().start()
srv = UsherServer(test_clock=False, extra_args=["--no-worker"]).start()
try:
    for i in range(n):
        srv.invite(email=f"bench.{i}@example.com")
    srv.stop()
    start = time.monotonic()
    worker = subprocess.Popen([USHER_BIN, "worker", "--db", srv.db, "--smtp", sink.url,
                               "--delivery-connections", os.environ.get("BENCH_CONNECTIONS", "4")],
                              stderr=subprocess.DEVNULL)
    def count():
        try:
            return len(os.listdir(os.path.join(sink.maildir, "new")))
        except FileNotFoundError:
            return 0
    while count() < n and time.monotonic() - start < 300:
        time.sleep(0.05)
    elapsed = time.monotonic() - start
    worker.terminate()
    worker.wait()
    got = count()
    print(f"messages delivered to a local aiosmtpd by one worker: {got / elapsed:.0f}/s "
          f"({got} in {elapsed:.2f} s, start-up included)")
finally:
    srv.cleanup()
    sink.stop()
