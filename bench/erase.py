"""Erasure (R8) of 100,000 expired invitations while the API serves, and the API's latency
meanwhile. Usage: /usr/bin/python3 bench/erase.py PATH/TO/usher [N]

The database (cached, see bench/seed.py) holds N invitations that expired days ago, each
with its full history (the invitation message and the seven reminders, one delivery
attempt each, audit entries), and 10,000 pending ones. In the copy a run works on, the
expired ones are first moved an hour ahead, so that `usher serve --no-worker` starts
without erasing. Once it is up they are moved back into the past, and two clients talk
to the API, each in a closed loop: one GETs /api/v1/invitations?limit=50, the other POSTs
new invitations. After a second `usher purge` (the erasure of the background jobs, run now
in its own process) erases them. Prints the purge's time and the clients' p50/p99 while it
ran.

The erasure runs in its own process because a server's own background jobs would not
start it while invitations keep coming in: one delivery pass goes on as long as new
messages are queued (see docs/performance.md, Erasure)."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import seed  # noqa: E402


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
    # Out of the way while the server starts: a thousand days ahead (no pending one is).
    shift = 1000 * seed.DAY
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("UPDATE invitations SET expires_at = expires_at + ? WHERE expires_at <= ?",
                (shift, facts["now"]))
    (expired,) = con.execute("SELECT COUNT(*) FROM invitations WHERE expires_at >= ?",
                             (facts["now"] + shift // 2,)).fetchone()
    con.close()
    server = common.Server(usher, db, ["--no-worker"], workdir=work)
    stop = threading.Event()
    latencies = {"GET": [], "POST": []}
    errors = []
    try:
        server.start()
        token = server.login(facts["admin_email"], facts["admin_password"])

        def getter():
            c = common.Client(server.port, token)
            while not stop.is_set():
                ms, status, _ = c.timed("GET", "/api/v1/invitations?limit=50")
                (latencies["GET"] if status == 200 else errors).append(
                    ms if status == 200 else status)
            c.close()

        def poster():
            c = common.Client(server.port, token)
            i = 0
            while not stop.is_set():
                i += 1
                ms, status, _ = c.timed("POST", "/api/v1/invitations", {
                    "first_name": "Bench", "last_name": "Erase",
                    "email": f"erase.{os.getpid()}.{i}@example.com",
                    "user_group_ids": [facts["groups"][0]], "language": "en",
                    "agreement_accepted": True})
                (latencies["POST"] if status == 201 else errors).append(
                    ms if status == 201 else status)
            c.close()

        # Back into the past before the clients start: this bulk UPDATE (triggers keep the
        # counts per expiry hour) holds the write lock for seconds, which is the set-up's
        # doing, not the erasure's. The server (--no-worker) does not erase them.
        rw = sqlite3.connect(db, isolation_level=None, timeout=30)
        rw.execute("UPDATE invitations SET expires_at = expires_at - ? WHERE expires_at >= ?",
                   (shift, facts["now"] + shift // 2))
        rw.close()
        threads = [threading.Thread(target=getter), threading.Thread(target=poster)]
        for t in threads:
            t.start()
        time.sleep(1)
        before = {k: list(v) for k, v in latencies.items()}
        marks = {k: len(v) for k, v in latencies.items()}
        start = time.monotonic()
        purge = subprocess.run([usher, "purge", "--db", f"sqlite:{db}"], capture_output=True,
                               text=True)
        seconds = time.monotonic() - start
        ends = {k: len(v) for k, v in latencies.items()}
        stop.set()
        for t in threads:
            t.join()
        if purge.returncode != 0:
            raise RuntimeError(f"usher purge failed: {purge.stderr[-500:]}")
        erased = purge.stdout.split('"erased":')[1].split("}")[0].strip()
        during = {k: latencies[k][marks[k]:ends[k]] for k in latencies}
        print(f"erasure of {int(erased):,} expired invitations ({expired:,} seeded; with "
              f"their messages, attempts, tokens, links) by usher purge while usher serve "
              f"answers: {seconds:.2f} s", flush=True)
        for label, values in (("during erasure, GET list", during["GET"]),
                              ("during erasure, POST invite", during["POST"]),
                              ("during erasure, all", during["GET"] + during["POST"]),
                              ("in the second before, all", before["GET"] + before["POST"])):
            print(f"API {label}: p50 {common.percentile(values, 50):.2f} ms  "
                  f"p99 {common.percentile(values, 99):.2f} ms  max {max(values or [0]):.0f} ms"
                  f"  ({len(values)} requests)", flush=True)
        if errors:
            print(f"  unexpected answers: {errors[:10]}", file=sys.stderr)
    finally:
        stop.set()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
