"""A real SMS gateway for tests: Kannel's bearerbox + smsbox with the fake SMSC (fakesmsc)
from kannel-extras, all on 127.0.0.1 with free ports. What reaches the fake SMSC is
printed by fakesmsc to its log ("Got message N: <from to text ...>")."""

import os
import re
import socket
import subprocess
import tempfile
import time
from urllib.parse import unquote, unquote_to_bytes

FAKESMSC = "/usr/lib/kannel/test/fakesmsc"
USER, PASSWORD = "usher", "sms-secret"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class Kannel:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="usher-kannel-")
        self.admin, self.box, self.sendsms, self.smsc = (_free_port() for _ in range(4))
        self.procs = []
        self.fakesmsc_log = os.path.join(self.dir, "fakesmsc.log")

    @property
    def url(self):
        return (f"http://127.0.0.1:{self.sendsms}/cgi-bin/sendsms?username={USER}"
                f"&password={PASSWORD}&from=Usher")

    def start(self):
        conf = os.path.join(self.dir, "kannel.conf")
        with open(conf, "w") as f:
            f.write(f"""group = core
admin-port = {self.admin}
admin-interface = 127.0.0.1
admin-password = adminpw
admin-allow-ip = "127.0.0.1"
smsbox-port = {self.box}
smsbox-interface = 127.0.0.1
box-allow-ip = "127.0.0.1"
log-level = 0

group = smsc
smsc = fake
smsc-id = FAKE
port = {self.smsc}
our-host = 127.0.0.1
connect-allow-ip = "127.0.0.1"

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {self.box}
sendsms-port = {self.sendsms}
sendsms-interface = 127.0.0.1
global-sender = 12345
log-level = 0

group = sendsms-user
username = {USER}
password = {PASSWORD}
max-messages = 3
concatenation = true

group = sms-service
keyword = default
text = "No service"
""")
        log = lambda name: open(os.path.join(self.dir, name), "wb")
        self.procs.append(subprocess.Popen(["/usr/sbin/bearerbox", "-v", "1", conf],
                                           stdout=log("bearerbox.log"), stderr=subprocess.STDOUT))
        assert _wait_port(self.smsc), "bearerbox did not open the SMSC port"
        self.procs.append(subprocess.Popen(
            [FAKESMSC, "-v", "0", "-H", "127.0.0.1", "-r", str(self.smsc), "-m", "0",
             "1 2 text unused"], stdout=log("fakesmsc.log"), stderr=subprocess.STDOUT))
        self.procs.append(subprocess.Popen(["/usr/sbin/smsbox", "-v", "1", conf],
                                           stdout=log("smsbox.log"), stderr=subprocess.STDOUT))
        assert _wait_port(self.sendsms), "smsbox did not open the sendsms port"
        return self

    def received(self):
        """The lines fakesmsc printed for messages that reached the SMSC."""
        try:
            with open(self.fakesmsc_log, encoding="utf-8", errors="replace") as f:
                return [line for line in f if "Got message" in line]
        except FileNotFoundError:
            return []

    def messages(self):
        """[(to, text)] of every SMS that reached the SMSC, concatenated parts joined."""
        out, parts = [], {}
        for line in self.received():
            m = re.search(r"Got message \d+: <(\S+) (\S+) (.*)>\s*$", line)
            if not m:
                continue
            _, to, rest = m.groups()
            udh = None
            if rest.startswith("udh "):
                udh_text, rest = rest[4:].split(" ", 1)
                udh = unquote_to_bytes(udh_text)
            kind, payload = rest.split(" ", 1)
            if kind == "data":
                # fakesmsc prints binary data form-encoded ('+' = space): UCS-2 when the
                # gateway coded it so (zero bytes), else the 8-bit text as UTF-8.
                raw = unquote_to_bytes(payload.replace("+", "%20"))
                text = raw.decode("utf-16-be" if b"\x00" in raw else "utf-8", errors="replace")
            else:
                text = unquote(payload)
            if udh and len(udh) >= 6 and udh[1] == 0:  # concatenated: ref, total, index
                key = (to, udh[3])
                parts.setdefault(key, {})[udh[5]] = raw
                if len(parts[key]) == udh[4]:
                    whole = b"".join(parts[key][i] for i in sorted(parts[key]))
                    out.append((to, whole.decode("utf-16-be" if b"\x00" in whole else "utf-8",
                                                 errors="replace")))
                    del parts[key]
            else:
                out.append((to, text))
        return out

    def messages_to(self, phone):
        return [text for to, text in self.messages() if to == phone]

    def stop(self):
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
