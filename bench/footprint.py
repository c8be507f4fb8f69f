"""Memory and start-up of `usher serve`: resident memory (VmRSS) idle after the start,
its peak during an 8-client invite run (wrk with bench/invite.lua), and the time from
process start to the first 200 of /readyz, median of 10 starts on the existing database.
Usage: /usr/bin/python3 bench/footprint.py PATH/TO/usher"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import seed  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    usher = os.path.abspath(sys.argv[1])
    seconds = int(os.environ.get("BENCH_SECONDS", "10"))
    work = tempfile.mkdtemp(prefix="usher-bench-footprint.")
    db = os.path.join(work, "usher.db")
    try:
        demo = seed.run_json(usher, "demo", "--db", f"sqlite:{db}")
        server = common.Server(usher, db, workdir=work).start()
        try:
            time.sleep(2)
            idle = common.rss_kib(server.proc.pid)
            token = server.login(demo["admin_email"], demo["admin_password"])
            peak = [0]
            done = threading.Event()

            def sample():
                while not done.is_set():
                    try:
                        peak[0] = max(peak[0], common.rss_kib(server.proc.pid))
                    except (FileNotFoundError, ProcessLookupError):
                        return
                    time.sleep(0.02)

            sampler = threading.Thread(target=sample)
            sampler.start()
            env = dict(os.environ, USHER_TOKEN=token,
                       USHER_GROUP=demo["user_groups"][0]["id"])
            out = subprocess.run(["wrk", "-t2", "-c8", f"-d{seconds}s", "-s",
                                  os.path.join(HERE, "invite.lua"),
                                  f"http://127.0.0.1:{server.port}"],
                                 env=env, capture_output=True, text=True).stdout
            done.set()
            sampler.join()
            after = common.rss_kib(server.proc.pid)
            rps = next((line.split()[1] for line in out.splitlines()
                        if line.startswith("Requests/sec")), "?")
        finally:
            server.stop()
        print(f"RSS of usher serve, idle after start: {idle / 1024:.1f} MB", flush=True)
        print(f"RSS of usher serve, peak during 8-client invite load ({rps} invitations/s "
              f"for {seconds} s): {peak[0] / 1024:.1f} MB (after: {after / 1024:.1f} MB)",
              flush=True)
        times = []
        for _ in range(10):
            s = common.Server(usher, db, workdir=work)
            s.start(wait=False)
            try:
                times.append(s.wait_ready(interval=0.001) * 1000)
            finally:
                s.stop()
        print(f"start-up of usher serve to /readyz 200 on an existing database: median "
              f"{statistics.median(times):.0f} ms (min {min(times):.0f}, max "
              f"{max(times):.0f}, 10 starts)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
