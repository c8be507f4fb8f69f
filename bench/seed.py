"""Fills a fresh usher SQLite database with many invitations of one company, fast: the
schema and the demo company come from `usher migrate` and `usher demo`, the rows from
Python's sqlite3 in big transactions, written as the service writes them (see
src/usher/storage/sql/invitation_rows.cc, user_rows.cc). Used by bench/list.py and
bench/erase.py; standard library only.

The rows: invited users with names, e-mail addresses and/or phone numbers, some with an
external id, about 4 % managers, linked to stores and user groups; their invitations,
registration-token hashes, outbox messages with one attempt each, audit entries and the
daily counts. Secondary indexes are dropped while loading and created again afterwards
with their own CREATE INDEX text, so the schema stays exactly the service's."""

import json
import os
import random
import shutil
import sqlite3
import subprocess
import time

DAY = 86400
SEEDER_REVISION = 1  # bump when the rows written here change

FIRST_NAMES = [
    "Anna", "Bert", "Carla", "Dirk", "Eva", "Frank", "Greet", "Hanne", "Ilse", "Jan",
    "Karel", "Lies", "Marc", "Nele", "Olivier", "Pieter", "Quinten", "Rita", "Sofie", "Tom",
    "Ursula", "Vincent", "Wout", "Xavier", "Yasmine", "Zoë", "Mohamed", "Fatima", "Lucas",
    "Emma", "Noah", "Louise", "Arthur", "Olivia", "Jules", "Mila", "Victor", "Elise", "Louis",
    "Juliette", "Adam", "Nora", "Liam", "Lina", "Finn", "Ella", "Mathis", "Amélie", "Rémi",
    "Chloé", "Thibault", "Céline", "François", "Hélène", "Jérôme", "Inès", "Maël", "Aïcha",
    "Bram", "Sander", "Joke", "Katrien", "Wim", "Luc", "Ann", "Kris", "Stijn", "Evi", "Sara",
]
LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Lambert", "Dupont", "Martin", "Hermans", "Aerts",
    "Van den Broeck", "Vermeulen", "Michiels", "Desmet", "Dumont", "Verstraete", "Leclercq",
    "Simon", "Laurent", "Lemmens", "Smets", "Pauwels", "Vandenberghe", "Segers", "Stevens",
    "De Clercq", "Cools", "Renard", "Bogaerts", "Hendrickx", "Thys", "Van Damme", "Declercq",
    "Mathieu", "Baert", "Vandamme", "Verhoeven", "Denis", "Collin", "François", "Lejeune",
    "Van de Velde", "Coppens", "Heylen", "Yilmaz", "El Amrani", "Nguyen", "Kowalski",
    "Rossi", "Öztürk", "Müller", "García", "Ferreira", "Zeeman", "Adams", "Xu", "Bosmans",
    "Geerts", "Wuyts", "Jansen", "De Backer", "Moens", "Verbruggen", "Huysmans", "Dewulf",
    "Van Acker", "Lauwers", "Devos", "Verlinden", "Cornelis", "Nys", "Meeus", "Vanhove",
    "Vervoort", "Leroy", "Gielen", "Claeys", "Schepers", "Mahieu", "Boon", "Engels",
]
JOBS = ["Sales", "Cashier", "Warehouse", "Store manager", "Baker", "Butcher", "Florist",
        "Customer service", None, None, None]
DOMAINS = ["example.com", "example.be", "mail.example.org", "shop.example.net"]
LANGUAGES = ["nl"] * 10 + ["fr"] * 7 + ["en"] * 2 + ["de"]
EXTRA_STORES = ["Hasselt Hoogstraat", "Leuven Bondgenotenlaan", "Mechelen Bruul",
                "Namur Rue de Fer", "Brugge Steenstraat", "Kortrijk K", "Mons Grand-Place",
                "Oostende Kapellestraat"]
EXTRA_GROUPS = ["Drivers", "Bakery", "Butchery", "Night shift"]

# Tables written here; their secondary indexes are rebuilt after the load.
TABLES = ["users", "invitations", "invitation_tokens", "outbox_messages", "outbox_attempts",
          "audit_log", "user_stores", "user_user_groups", "daily_stats"]


_ASCII = str.maketrans("àáâäãåçèéêëìíîïñòóôöõùúûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")
_ascii_cache = {}


def ascii_part(s):
    """The name as it appears in an e-mail address: lower-case ASCII letters only."""
    if s not in _ascii_cache:
        _ascii_cache[s] = "".join(c for c in s.lower().translate(_ASCII) if c.isalnum())
    return _ascii_cache[s]


def run_json(*args):
    out = subprocess.run(list(args), check=True, capture_output=True).stdout
    return json.loads(out) if out.strip() else None


def create(usher, db_path, *, pending=0, expired=0, now=None, full_history=False,
           future_reminders=True, rng_seed=7, progress=None):
    """Creates db_path with `pending` live invitations (expiring between now and now +
    validity) and `expired` ones (expired between 2 and 30 days before `now`). With
    full_history every sent reminder has its own message, attempt and audit entry;
    otherwise one message (the latest) per invitation. Without future_reminders no
    reminder is due any more (next_reminder_at NULL). Returns facts about the data."""
    now = int(now if now is not None else time.time())
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(db_path + suffix)
        except FileNotFoundError:
            pass
    subprocess.run([usher, "migrate", "--db", f"sqlite:{db_path}"], check=True,
                   capture_output=True)
    demo = run_json(usher, "demo", "--db", f"sqlite:{db_path}")
    company_id = demo["company_id"]
    rng = random.Random(rng_seed)
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-1000000")
    con.execute("PRAGMA foreign_keys=OFF")
    (admin_id,) = con.execute("SELECT id FROM admins WHERE company_id = ?",
                              (company_id,)).fetchone()
    validity, reminder_text = con.execute(
        "SELECT validity_days, reminder_days FROM companies WHERE id = ?",
        (company_id,)).fetchone()
    reminder_days = [int(d) for d in reminder_text.split(",") if d]

    def new_id():
        return "%032x" % rng.getrandbits(128)

    con.execute("BEGIN")
    for name in EXTRA_STORES:
        con.execute("INSERT INTO stores (id, company_id, name, code) VALUES (?, ?, ?, ?)",
                    (new_id(), company_id, name, name[:3].upper() + "-01"))
    for name in EXTRA_GROUPS:
        con.execute("INSERT INTO user_groups (id, company_id, name) VALUES (?, ?, ?)",
                    (new_id(), company_id, name))
    con.execute("COMMIT")
    stores = [r[0] for r in con.execute(
        "SELECT id FROM stores WHERE company_id = ? ORDER BY name", (company_id,))]
    groups = [r[0] for r in con.execute(
        "SELECT id FROM user_groups WHERE company_id = ? ORDER BY name", (company_id,))]

    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
        f"tbl_name IN ({','.join('?' * len(TABLES))})", TABLES).fetchall()
    for name, _ in indexes:
        con.execute(f"DROP INDEX {name}")

    facts = {"company_id": company_id, "admin_email": demo["admin_email"],
             "admin_password": demo["admin_password"], "stores": stores, "groups": groups,
             "now": now, "validity_days": validity, "pending": pending, "expired": expired}
    sample = {"last_name": None, "email_part": None, "phone": None}
    daily = {}
    total = pending + expired
    chunk = 50_000
    serial = 0
    started = time.monotonic()
    for start in range(0, total, chunk):
        rows = {t: [] for t in TABLES[:-1]}
        for n in range(start, min(total, start + chunk)):
            serial += 1
            if n < pending:
                invited_at = now - rng.randint(60, validity * DAY - 1800)
            else:
                invited_at = now - validity * DAY - rng.randint(2 * DAY, 30 * DAY)
            expires_at = invited_at + validity * DAY
            first = rng.choice(FIRST_NAMES)
            last = rng.choice(LAST_NAMES)
            kind = rng.random()
            email = phone = None
            if kind < 0.85:
                email = (f"{ascii_part(first)}.{ascii_part(last)}{serial}@"
                         f"{rng.choice(DOMAINS)}")
            if kind >= 0.70:
                phone = f"+3247{serial:07d}"
            external_id = f"E-{serial:07d}" if rng.random() < 0.3 else None
            manager = rng.random() < 0.04
            role = "manager" if manager else "user"
            store_ids = rng.sample(stores, 2 if rng.random() < 0.05 else 1)
            if not manager and rng.random() < 0.05:
                store_ids = []
            group_ids = rng.sample(groups, 2 if rng.random() < 0.2 else 1)
            user_id, inv_id = new_id(), new_id()
            search = " ".join(p for p in (first, last, email, phone, external_id) if p)
            rows["users"].append((
                user_id, company_id, "invited", first, last, email,
                email.casefold() if email else None, phone, rng.choice(JOBS), external_id,
                role, rng.choice(LANGUAGES), 0, None, search.casefold(),
                last.casefold() + "\x1f" + first.casefold(), invited_at, None))
            for s in store_ids:
                rows["user_stores"].append((user_id, s))
            for g in group_ids:
                rows["user_user_groups"].append((user_id, g))
            channel = "email" if email else "sms"
            recipient = email or phone
            # Reminders already due were sent; the next one is in the future.
            sent_slots = [i for i, d in enumerate(reminder_days)
                          if invited_at + d * DAY <= min(now, expires_at - 1)]
            slot = sent_slots[-1] if sent_slots else -1
            next_at = next((invited_at + d * DAY for i, d in enumerate(reminder_days)
                            if i > slot and invited_at + d * DAY < expires_at), None)
            if n >= pending or not future_reminders:
                next_at = None
            sends = [(invited_at, "invitation", -1)] + [
                (invited_at + reminder_days[i] * DAY, "reminder", i) for i in sent_slots]
            last_sent = sends[-1][0] + rng.randint(1, 30)
            rows["invitations"].append((
                inv_id, company_id, user_id, "pending", channel, invited_at, expires_at,
                admin_id, 1, invited_at, last_sent, sends[-1][0], None, 0, slot, next_at,
                len(sent_slots), "sent", None))
            rows["invitation_tokens"].append(("%064x" % rng.getrandbits(256), inv_id,
                                              invited_at))
            rows["audit_log"].append((invited_at, company_id, "admin", admin_id,
                                      "invitation.created", inv_id))
            for at, kind_name, rslot in (sends if full_history else sends[-1:]):
                msg_id = new_id()
                sent_at = at + rng.randint(1, 30)
                rows["outbox_messages"].append((
                    msg_id, company_id, inv_id, kind_name, channel, recipient,
                    "nl", rslot, "sent", 1, at, None, None, at, sent_at))
                rows["outbox_attempts"].append((new_id(), msg_id, at, sent_at, "sent", None))
                if kind_name == "reminder" and full_history:
                    rows["audit_log"].append((at, company_id, "system", "scheduler",
                                              "invitation.reminded", inv_id))
            day = time.strftime("%Y-%m-%d", time.gmtime(invited_at))
            daily[day] = daily.get(day, 0) + 1
            if n >= pending // 2 and n < pending and phone and not sample["phone"]:
                sample = {"last_name": last, "email_part": email.split("@")[0] if email else
                          f"{ascii_part(first)}.{ascii_part(last)}",
                          "phone": phone or f"+3247{serial:07d}"}
        con.execute("BEGIN")
        con.executemany("INSERT INTO users (id, company_id, status, first_name, last_name, "
                        "email, email_key, phone, job_position, external_id, role, language, "
                        "language_confirmed, password_hash, search_text, sort_name, "
                        "created_at, activated_at) VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows["users"])
        con.executemany("INSERT INTO user_stores (user_id, store_id) VALUES (?, ?)",
                        rows["user_stores"])
        con.executemany("INSERT INTO user_user_groups (user_id, group_id) VALUES (?, ?)",
                        rows["user_user_groups"])
        con.executemany("INSERT INTO invitations (id, company_id, user_id, status, channel, "
                        "invited_at, expires_at, invited_by, agreement_version, "
                        "agreement_accepted_at, last_sent_at, last_message_at, "
                        "last_resend_at, resend_count, reminder_slot, next_reminder_at, "
                        "reminders_sent, delivery, accepted_at) VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows["invitations"])
        con.executemany("INSERT INTO invitation_tokens (hash, invitation_id, created_at) "
                        "VALUES (?, ?, ?)", rows["invitation_tokens"])
        con.executemany("INSERT INTO outbox_messages (id, company_id, invitation_id, kind, "
                        "channel, recipient, language, reminder_slot, status, attempts, "
                        "next_attempt_at, lease_until, last_error, created_at, sent_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows["outbox_messages"])
        con.executemany("INSERT INTO outbox_attempts (id, message_id, started_at, "
                        "finished_at, result, error) VALUES (?,?,?,?,?,?)",
                        rows["outbox_attempts"])
        con.executemany("INSERT INTO audit_log (at, company_id, actor_type, actor_id, action, "
                        "invitation_id) VALUES (?,?,?,?,?,?)", rows["audit_log"])
        con.execute("COMMIT")
        if progress:
            progress(f"seeded {min(total, start + chunk):,} of {total:,} invitations "
                     f"({time.monotonic() - started:.0f} s)")
    con.execute("BEGIN")
    con.executemany("INSERT INTO daily_stats (company_id, day, invited) VALUES (?, ?, ?) "
                    "ON CONFLICT (company_id, day) DO UPDATE SET "
                    "invited = daily_stats.invited + excluded.invited",
                    [(company_id, d, c) for d, c in sorted(daily.items())])
    con.execute("COMMIT")
    for name, sql in indexes:
        if progress:
            progress(f"creating index {name}")
        con.execute(sql)
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    facts["sample"] = sample
    facts["seconds"] = round(time.monotonic() - started, 1)
    return facts


def schema_version(usher):
    """The newest migration the binary knows: a scratch database migrated by it."""
    import tempfile
    with tempfile.TemporaryDirectory(prefix="usher-bench-schema.") as tmp:
        path = os.path.join(tmp, "v.db")
        subprocess.run([usher, "migrate", "--db", f"sqlite:{path}"], check=True,
                       capture_output=True)
        con = sqlite3.connect(path)
        (version,) = con.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        con.close()
    return version


def cached(usher, name, max_age_days=7, progress=None, **kwargs):
    """A seeded database kept under /tmp (or $USHER_BENCH_CACHE) keyed by schema version,
    this seeder's revision and the arguments; made again when older than max_age_days
    (times are relative to the day it was made). Returns (path, facts)."""
    root = os.environ.get("USHER_BENCH_CACHE", "/tmp/usher-bench-cache")
    os.makedirs(root, exist_ok=True)
    version = schema_version(usher)
    rest = "-".join([f"r{SEEDER_REVISION}"] + [f"{k}{v}" for k, v in sorted(kwargs.items())])

    def paths(v):
        path = os.path.join(root, f"{name}-s{v}-{rest}.db")
        return path, path + ".json"

    def fresh(v):
        path, meta = paths(v)
        if not (os.path.exists(path) and os.path.exists(meta)):
            return None
        with open(meta) as f:
            facts = json.load(f)
        return facts if time.time() - facts["now"] < max_age_days * DAY else None

    path, meta = paths(version)
    facts = fresh(version)
    if facts:
        return path, facts
    # The same rows under an older schema: migrated by this binary as a real database is.
    older = next((v for v in range(version - 1, 0, -1) if fresh(v)), None)
    if older is not None:
        facts = fresh(older)
        if progress:
            progress(f"migrating the cached database from schema {older} to {version}")
        shutil.copyfile(paths(older)[0], path + ".tmp")
        subprocess.run([usher, "migrate", "--db", f"sqlite:{path}.tmp"], check=True,
                       capture_output=True)
    else:
        facts = create(usher, path + ".tmp", progress=progress, **kwargs)
    os.replace(path + ".tmp", path)
    with open(meta, "w") as f:
        json.dump(facts, f)
    for v in range(1, version):  # older schemas of the same rows are not needed again
        for old in paths(v):
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.remove(old + suffix)
                except FileNotFoundError:
                    pass
    return path, facts
