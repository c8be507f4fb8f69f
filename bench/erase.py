"""Erasure (R8) of 100,000 expired invitations by a running `usher serve`, and the API's
latency meanwhile. Usage: /usr/bin/python3 bench/erase.py PATH/TO/usher [N]

The database (cached, see bench/seed.py) holds N invitations that expired days ago, each
with its full history (invitation message and the seven reminders, one delivery attempt
each, audit entries), and 10,000 pending ones. In the copy a run works on, the expired
ones are moved to expire a few seconds after the server starts, so the erasure begins
while two clients already talk to the API: one GETs /api/v1/invitations?limit=50, the
other POSTs new invitations, each in a closed loop. A third thread counts the rows left
(its own read-only SQLite connection) to time the erasure from the first row gone to the
last. Prints the erasure time and the clients' p50/p99 while it ran."""

import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import seed  # noqa: E402

EXPIRE_AFTER = 4  # seconds after the server is ready


def main():
    usher = os.path.abspath(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    pending = 10_000
    path, facts = seed.cached(usher, "erase", max_age_days=1, pending=pending, expired=n,
                              full_history=True, future_reminders=False,
                              progress=lambda m: print(m, file=sys.stderr, flush=True))
    work = tempfile.mkdtemp(prefix="usher-bench-erase.")
    db = os.path.join(work, "usher.db")
    shutil.copyfile(path, db)
    # Expired long ago in the cache; here they expire shortly after the start.
    expires_at = int(time.time()) + 60
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("UPDATE invitations SET expires_at = ? WHERE expires_at <= ?",
                (expires_at, facts["now"]))
    con.close()
    server = common.Server(usher, db, ["--job-interval", "1"], workdir=work)
    stop = threading.Event()
    latencies = {"GET": [], "POST": []}
    errors = []
    try:
        server.start()
        token = server.login(facts["admin_email"], facts["admin_password"])
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
        # Bring the expiry to a few seconds from now: the server's next job run erases.
        rw = sqlite3.connect(db, isolation_level=None, timeout=30)
        rw.execute("UPDATE invitations SET expires_at = ? WHERE expires_at = ?",
                   (int(time.time()) + EXPIRE_AFTER, expires_at))
        rw.close()

        def getter():
            c = common.Client(server.port, token)
            while not stop.is_set():
                ms, status, body = c.timed("GET", "/api/v1/invitations?limit=50")
                (latencies["GET"] if status == 200 else errors).append(ms if status == 200
                                                                       else status)
            c.close()

        def poster():
            c = common.Client(server.port, token)
            i = 0
            while not stop.is_set():
                i += 1
                ms, status, body = c.timed("POST", "/api/v1/invitations", {
                    "first_name": "Bench", "last_name": "Erase",
                    "email": f"erase.{os.getpid()}.{i}@example.com",
                    "user_group_ids": [facts["groups"][0]], "language": "en",
                    "agreement_accepted": True})
                (latencies["POST"] if status == 201 else errors).append(
                    ms if status == 201 else status)
            c.close()

        threads = [threading.Thread(target=getter), threading.Thread(target=poster)]
        for t in threads:
            t.start()
        first_gone = last_gone = None
        marks = {"GET": 0, "POST": 0}
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            (left,) = con.execute("SELECT COUNT(*) FROM invitations WHERE expires_at <= ?",
                                  (int(time.time()) + EXPIRE_AFTER + 1,)).fetchone()
            now = time.monotonic()
            if first_gone is None and left < n:
                first_gone = now
                marks = {k: len(v) for k, v in latencies.items()}
            if first_gone is not None and left == 0:
                last_gone = now
                break
            time.sleep(0.05)
        ends = {k: len(v) for k, v in latencies.items()}
        stop.set()
        for t in threads:
            t.join()
        con.close()
        if last_gone is None:
            raise RuntimeError(f"erasure did not end: {server.log_tail()}")
        during = {k: latencies[k][marks[k]:ends[k]] for k in latencies}
        both = during["GET"] + during["POST"]
        print(f"erasure of {n:,} expired invitations (with their messages, attempts, "
              f"tokens, links) by usher serve: {last_gone - first_gone:.2f} s", flush=True)
        for k, v in (("GET list", during["GET"]), ("POST invite", during["POST"]),
                     ("all", both)):
            print(f"API during erasure, {k}: p50 {common.percentile(v, 50):.2f} ms  "
                  f"p99 {common.percentile(v, 99):.2f} ms  max {max(v or [0]):.0f} ms  "
                  f"({len(v)} requests)", flush=True)
        if errors:
            print(f"  unexpected answers during the run: {errors[:10]}", file=sys.stderr)
    finally:
        stop.set()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
