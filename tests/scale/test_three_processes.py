"""Issue 6: three usher processes on one PostgreSQL and one SMTP server. Invitations are
created through all three; the test clock walks through every reminder day and the
expiry; one process is killed with SIGKILL half-way. Every invitation message is
delivered, every reminder sent exactly once, every expired invitation erased."""

import calendar
import collections
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "messages"))
sys.dont_write_bytecode = True

from conftest import SmtpSink  # noqa: E402
from usher_http import (DAY, USHER_BIN, free_port, http_request, run_cli,  # noqa: E402
                        wait_for_binary)

N = int(os.environ.get("USHER_SCALE_INVITATIONS", "1500"))
REMINDER_DAYS = [3, 10, 20, 30, 45, 53, 57]


def pg_url():
    port = os.environ["USHER_PG_PORT"]
    return f"postgresql://postgres@127.0.0.1:{port}/usher_scale"


def create_database():
    admin = os.environ["USHER_PG_ADMIN"]
    subprocess.run(["psql", admin, "-qc", "DROP DATABASE IF EXISTS usher_scale"], check=True)
    subprocess.run(["psql", admin, "-qc", "CREATE DATABASE usher_scale"], check=True)


class Process:
    def __init__(self, db, smtp_url, log_dir, n):
        self.port = free_port()
        self.args = [USHER_BIN, "serve", "--db", db, "--listen", f"127.0.0.1:{self.port}",
                     "--test-clock", "--smtp", smtp_url, "--job-interval", "3600",
                     "--public-url", f"http://127.0.0.1:{self.port}"]
        self.log = open(os.path.join(log_dir, f"usher{n}.log"), "ab")
        self.proc = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if http_request(self.port, "GET", "/readyz", timeout=2).status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("usher serve did not start")

    def post(self, path, body, token=None):
        return http_request(self.port, "POST", path, body, token=token, timeout=600)

    def advance_to(self, now):
        r = self.post("/api/v1/_test/clock", {"now": now})
        assert r.status == 200, r
        return r.json["now"]


def wait_outbox_idle(port, timeout=300, after_kill=False):
    """Until no message is queued or being sent (the test clock jumps a day at a time;
    real time does not, so work in flight is let finish before the next jump). Claims of
    the killed process end with their lease (30 s of test time): when the outbox stalls,
    the clock is moved on a minute."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        text = http_request(port, "GET", "/metrics").text
        busy = sum(int(line.split()[-1]) for line in text.splitlines()
                   if line.startswith('usher_outbox_messages{status="queued"}') or
                   line.startswith('usher_outbox_messages{status="sending"}'))
        if busy == 0:
            return
        if busy != last:
            last, since = busy, time.monotonic()
        elif after_kill and time.monotonic() - since > 10:
            http_request(port, "POST", "/api/v1/_test/clock", {"advance_seconds": 60})
            since = time.monotonic()
        time.sleep(0.1)
    raise AssertionError("the outbox did not drain")


def test_three_processes_share_the_work_and_survive_a_kill(tmp_path):
    wait_for_binary()
    create_database()
    db = pg_url()
    demo = run_cli("demo", "--db", db)
    sink = SmtpSink().start()
    procs = []
    try:
        procs = [Process(db, sink.url, str(tmp_path), n) for n in range(3)]
        tokens = []
        for p in procs:
            r = p.post("/api/v1/auth/login", {"email": demo["admin_email"],
                                              "password": demo["admin_password"]})
            assert r.status == 200, r
            tokens.append(r.json["token"])
        group = demo["user_groups"][0]["id"]
        ids = set()
        for i in range(N):
            k = i % 3
            r = procs[k].post("/api/v1/invitations", {
                "first_name": "Scale", "last_name": f"Test{i}", "email": f"scale.{i}@example.com",
                "user_group_ids": [group], "language": "en", "agreement_accepted": True},
                token=tokens[k])
            assert r.status == 201, r
            ids.add(r.json["id"])

        # Walk the clock one day at a time, in every live process; kill one half-way.
        wait_outbox_idle(procs[0].port)  # the invitations go out before time moves
        start = http_request(procs[0].port, "GET", "/api/v1/_test/clock").json["now"]
        t0 = calendar.timegm(time.strptime(start, "%Y-%m-%dT%H:%M:%SZ"))
        live = list(procs)
        killed_at = None
        for day in range(0, 62):
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t0 + day * DAY + 60))
            for p in live:
                if p.proc.poll() is not None:
                    continue  # the killed one
                p.advance_to(now)
                if day == 30 and killed_at is None:  # while the day's reminders go out
                    live[1].proc.send_signal(signal.SIGKILL)
                    live[1].proc.wait()
                    killed_at = now
            if killed_at and len(live) == 3:
                live = [live[0], live[2]]
            wait_outbox_idle(live[0].port, after_kill=killed_at is not None)
        for p in live:  # one more pass each, after the leases of the killed process ended
            p.post("/api/v1/_test/clock", {"advance_seconds": 120})

        msgs = sink.messages()
        by_kind = collections.defaultdict(collections.Counter)
        for m in msgs:
            by_kind[m["X-Usher-Message"]][m["X-Usher-Invitation"]] += 1
        invitations = by_kind["invitation"]
        reminders = by_kind["reminder"]
        missing = ids - set(invitations)
        dup_invitations = sum(n - 1 for n in invitations.values())
        wrong_reminders = {i: reminders.get(i, 0) for i in ids if reminders.get(i, 0) != 7}
        dup_reminders = sum(max(0, n - 7) for n in reminders.values())
        print(f"\n{N} invitations through 3 processes; messages: {len(msgs)}; "
              f"invitation duplicates: {dup_invitations}; reminder surplus: {dup_reminders}; "
              f"invitations without exactly 7 reminders: {len(wrong_reminders)}")
        assert not missing, f"{len(missing)} invitations never got their message"
        # Only the messages in flight when the process was killed may repeat: one per
        # delivery connection (4 by default).
        assert dup_invitations + dup_reminders <= 4, (dup_invitations, dup_reminders)
        assert len(wrong_reminders) <= 4, list(wrong_reminders.items())[:5]

        # Every invitation expired on day 60 and was erased.
        login = live[0].post("/api/v1/auth/login", {"email": demo["admin_email"],
                                                    "password": demo["admin_password"]})
        r = http_request(live[0].port, "GET", "/api/v1/invitations",
                         token=login.json["token"])
        assert r.json["total"] == 0, r.json["total"]
        out = subprocess.run(["psql", os.environ["USHER_PG_ADMIN"].replace(
            "dbname=postgres", "dbname=usher_scale"), "-Atc",
            "SELECT COUNT(*) FROM users WHERE status = 'invited'"],
            capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "0"
    finally:
        for p in procs:
            if p.proc.poll() is None:
                p.proc.send_signal(signal.SIGTERM)
                assert p.proc.wait(timeout=20) == 0
        sink.stop()
