"""Bulk invite (R17) of a 100,000-row CSV file through the API: seconds for the dry run and
for the real import, and the p99 of other API requests while the real import runs.
Usage: /usr/bin/python3 bench/import.py PATH/TO/usher [ROWS]"""

import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "support"))
os.environ["USHER_BIN"] = os.path.abspath(sys.argv[1])

from usher_http import UsherServer, http_request  # noqa: E402

rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
HEADER = "first_name,last_name,email,phone,job_position,external_id,role,stores,user_groups,language"

srv = UsherServer(test_clock=False, second_company=False, extra_args=["--no-worker"]).start()
try:
    group = srv.groups[0]["name"]
    csv = (HEADER + "\n" + "\n".join(
        f"Row{i},Bulk{i % 977},bulk.{i}@example.com,,Sales,E{i},user,,{group},en"
        for i in range(rows)) + "\n").encode()

    def post(dry_run):
        query = "dry_run=true" if dry_run else "dry_run=false&agreement_accepted=true"
        start = time.monotonic()
        r = http_request(srv.port, "POST", f"/api/v1/invitations/import?{query}", data=csv,
                         content_type="text/csv", token=srv.token, timeout=1800, check=False)
        assert r.status == 200, r
        return time.monotonic() - start, r.json

    seconds, report = post(True)
    print(f"import of {rows:,} rows, dry run: {seconds:.1f} s ({report['valid']} valid)")

    latencies, done = [], threading.Event()

    def other_requests():  # another admin invites one person at a time meanwhile
        i = 0
        while not done.is_set():
            i += 1
            t = time.monotonic()
            srv.invite(email=f"meanwhile.{i}@example.com")
            latencies.append(time.monotonic() - t)
            time.sleep(0.02)

    probe = threading.Thread(target=other_requests)
    probe.start()
    seconds, report = post(False)
    done.set()
    probe.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan")
    print(f"import of {rows:,} rows, real: {seconds:.1f} s ({report['invited']} invited); "
          f"single invites meanwhile: p99 {p99:.1f} ms over {len(latencies)}")
finally:
    srv.stop()
    srv.cleanup()
