"""Prints, as JSON, the e-mails in a Maildir sent to one recipient, oldest first: their
subject, message kind (X-Usher-Message) and registration link.

Usage: /usr/bin/python3 mail.py MAILDIR RECIPIENT"""

import email
import email.policy
import json
import os
import re
import sys

LINK = re.compile(r"^(https?://\S+/register/[A-Za-z0-9_-]{43})$")


def main():
    maildir, recipient = sys.argv[1], sys.argv[2].lower()
    found = []
    for sub in ("new", "cur"):
        d = os.path.join(maildir, sub)
        for name in os.listdir(d) if os.path.isdir(d) else []:
            path = os.path.join(d, name)
            with open(path, "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
            to = [a.addr_spec.lower() for a in msg["To"].addresses] if msg["To"] else []
            if recipient not in to:
                continue
            text = msg.get_body(preferencelist=("plain",)).get_content()
            links = [m.group(1) for line in text.splitlines() if (m := LINK.match(line.strip()))]
            found.append((os.stat(path).st_mtime_ns, name, {
                "subject": str(msg["Subject"]),
                "kind": str(msg["X-Usher-Message"]),
                "link": links[0] if links else None,
            }))
    found.sort(key=lambda t: (t[0], t[1]))
    print(json.dumps([m for _, _, m in found]))


if __name__ == "__main__":
    main()
