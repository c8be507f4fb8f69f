"""Invited users list (R5) among 1,000,000 pending invitations of one company: the first
page (limit 50) of GET /api/v1/invitations for every sort, every filter and free-text
searches, p50/p99 over BENCH_REQUESTS (default 200) requests each, one line per case.

The seeded database is cached (see bench/seed.py) and copied for each run; `usher serve
--no-worker` reads it (no reminders or erasure run meanwhile: only the list is measured).
Usage: /usr/bin/python3 bench/list.py PATH/TO/usher [INVITATIONS]
Environment: BENCH_REQUESTS (200), BENCH_WARMUP (3 requests per case, not counted),
BENCH_ONLY (comma-separated parts of the case names to run, e.g. "sort=,marker")."""

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import seed  # noqa: E402


def main():
    usher = os.path.abspath(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    requests = int(os.environ.get("BENCH_REQUESTS", "200"))
    only = os.environ.get("BENCH_ONLY", "")
    path, facts = seed.cached(usher, "list", pending=n,
                              progress=lambda m: print(m, file=sys.stderr, flush=True))
    # Search for people who exist: a user half-way through, with a phone number.
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    (phone,) = con.execute("SELECT phone FROM users WHERE rowid >= ? AND phone IS NOT NULL "
                           "ORDER BY rowid LIMIT 1", (n // 2,)).fetchone()
    con.close()
    work = tempfile.mkdtemp(prefix="usher-bench-list.")
    db = os.path.join(work, "usher.db")
    shutil.copyfile(path, db)
    server = common.Server(usher, db, ["--no-worker"], workdir=work)
    try:
        server.start()
        token = server.login(facts["admin_email"], facts["admin_password"])
        client = server.client()
        client.token = token
        sample = facts["sample"]
        cases = [("sort=expires_at", {"sort": "expires_at"}),
                 ("sort=-expires_at", {"sort": "-expires_at"}),
                 ("sort=invited_at", {"sort": "invited_at"}),
                 ("sort=-invited_at", {"sort": "-invited_at"}),
                 ("sort=last_name", {"sort": "last_name"}),
                 ("marker=yellow", {"marker": "yellow"}),
                 ("marker=red", {"marker": "red"}),
                 ("role=manager", {"role": "manager"}),
                 ("store_id", {"store_id": facts["stores"][0]}),
                 ("user_group_id", {"user_group_id": facts["groups"][0]}),
                 ("q=last name", {"q": sample["last_name"]}),
                 ("q=part of an e-mail", {"q": sample["email_part"]}),
                 ("q=phone", {"q": phone})]
        for label, query in cases:
            if only and not any(part in label for part in only.split(",")):
                continue
            target = "/api/v1/invitations?" + urllib.parse.urlencode(dict(query, limit=50))
            for _ in range(int(os.environ.get("BENCH_WARMUP", "3"))):  # warm-up
                client.timed("GET", target)
            times, total, items = [], None, 0
            for _ in range(requests):
                ms, status, body = client.timed("GET", target)
                if status != 200:
                    raise RuntimeError(f"{label}: HTTP {status} {body[:300]!r}")
                times.append(ms)
            page = json.loads(body)
            total, items = page["total"], len(page["items"])
            print(f"invited users list, {n:,} pending, {label}: "
                  f"p50 {common.percentile(times, 50):.2f} ms  "
                  f"p99 {common.percentile(times, 99):.2f} ms  "
                  f"(total {total:,}, {items} items, {requests} requests)", flush=True)
        client.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
