"""A real SMTP server for tests (aiosmtpd), storing what it accepts in a Maildir.

Recipients at special domains behave like troubled mailboxes:
  *@tempfail.example  the first RCPT is answered 451 (temporary), later ones 250
  *@reject.example    every RCPT is answered 550 5.1.1 (unknown mailbox: permanent)

Usage: /usr/bin/python3 smtp_sink.py PORT MAILDIR   (prints "ready" when listening)
"""

import asyncio
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox


class TroubledMailbox(Mailbox):
    def __init__(self, maildir):
        super().__init__(maildir)
        self.seen = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        domain = address.rsplit("@", 1)[-1].lower()
        if domain == "reject.example":
            return "550 5.1.1 unknown mailbox"
        if domain == "tempfail.example":
            self.seen[address] = self.seen.get(address, 0) + 1
            if self.seen[address] == 1:
                return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def main():
    port, maildir = int(sys.argv[1]), sys.argv[2]
    controller = Controller(TroubledMailbox(maildir), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
