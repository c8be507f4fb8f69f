-- usher schema, version 1. Times are Unix seconds (BIGINT); ids are opaque TEXT.
-- One text for both dialects: embed.cmake replaces the auto_id marker (SQLite: INTEGER
-- PRIMARY KEY, PostgreSQL: BIGSERIAL PRIMARY KEY).
-- Personal data of invitees lives only in `users` and `outbox_messages` (recipient) and
-- `outbox_attempts` (error texts may quote an address); all go when the user is deleted.

CREATE TABLE companies (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  validity_days    INTEGER NOT NULL,
  reminder_days    TEXT NOT NULL,          -- ascending, comma-separated: "3,10,20"
  default_region   TEXT NOT NULL,
  timezone         TEXT NOT NULL,
  default_language TEXT NOT NULL,
  created_at       BIGINT NOT NULL
);
CREATE INDEX companies_name ON companies (name, created_at);

CREATE TABLE admins (
  id            TEXT PRIMARY KEY,
  company_id    TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  email         TEXT NOT NULL UNIQUE,      -- lower-cased login
  password_hash TEXT NOT NULL,
  language      TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX admins_company ON admins (company_id);

CREATE TABLE stores (
  id         TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  code       TEXT,
  UNIQUE (company_id, name)
);

CREATE TABLE user_groups (
  id         TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  UNIQUE (company_id, name)
);

CREATE TABLE users (
  id                 TEXT PRIMARY KEY,
  company_id         TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  status             TEXT NOT NULL,        -- invited | active
  first_name         TEXT NOT NULL,
  last_name          TEXT NOT NULL,
  email              TEXT,                 -- as entered, domain lower-cased
  email_key          TEXT,                 -- case-folded whole address (R3)
  phone              TEXT,                 -- E.164
  job_position       TEXT,
  external_id        TEXT,
  role               TEXT NOT NULL,        -- user | manager
  language           TEXT NOT NULL,
  language_confirmed INTEGER NOT NULL DEFAULT 0,
  password_hash      TEXT,
  search_text        TEXT NOT NULL,        -- case-folded names, e-mail, phone, external id
  sort_name          TEXT NOT NULL,        -- case-folded "last\x1ffirst"
  created_at         BIGINT NOT NULL,
  activated_at       BIGINT
);
CREATE UNIQUE INDEX users_email ON users (company_id, email_key);
CREATE UNIQUE INDEX users_phone ON users (company_id, phone);
CREATE UNIQUE INDEX users_external_id ON users (company_id, external_id);
CREATE INDEX users_login_email ON users (email_key);
CREATE INDEX users_login_phone ON users (phone);
CREATE INDEX users_company_name ON users (company_id, sort_name, id);

CREATE TABLE user_stores (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, store_id)
);
CREATE INDEX user_stores_store ON user_stores (store_id);

CREATE TABLE user_user_groups (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  group_id TEXT NOT NULL REFERENCES user_groups (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, group_id)
);
CREATE INDEX user_user_groups_group ON user_user_groups (group_id);

CREATE TABLE invitations (
  id                    TEXT PRIMARY KEY,
  company_id            TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  user_id               TEXT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  status                TEXT NOT NULL,     -- pending | accepted
  channel               TEXT NOT NULL,     -- email | sms
  invited_at            BIGINT NOT NULL,
  expires_at            BIGINT NOT NULL,
  invited_by            TEXT NOT NULL,     -- admin id
  agreement_version     INTEGER NOT NULL,
  agreement_accepted_at BIGINT NOT NULL,
  last_sent_at          BIGINT,
  last_message_at       BIGINT,
  last_resend_at        BIGINT,
  resend_count          INTEGER NOT NULL DEFAULT 0,
  reminder_slot         INTEGER NOT NULL DEFAULT -1,
  next_reminder_at      BIGINT,
  reminders_sent        INTEGER NOT NULL DEFAULT 0,
  delivery              TEXT NOT NULL DEFAULT 'queued',
  accepted_at           BIGINT
);
CREATE INDEX invitations_company_expiry ON invitations (company_id, status, expires_at, id);
CREATE INDEX invitations_company_invited ON invitations (company_id, status, invited_at, id);
CREATE INDEX invitations_expiry ON invitations (status, expires_at);
CREATE INDEX invitations_reminder ON invitations (next_reminder_at) WHERE status = 'pending';

-- Only hashes of registration tokens (R10).
CREATE TABLE invitation_tokens (
  hash          TEXT PRIMARY KEY,
  invitation_id TEXT NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  created_at    BIGINT NOT NULL
);
CREATE INDEX invitation_tokens_invitation ON invitation_tokens (invitation_id);

-- The outbox (R11): queued -> sending -> sent | failed.
CREATE TABLE outbox_messages (
  id              TEXT PRIMARY KEY,
  company_id      TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  invitation_id   TEXT NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL,           -- invitation | resend | reminder
  channel         TEXT NOT NULL,           -- email | sms
  recipient       TEXT NOT NULL,
  language        TEXT NOT NULL,
  reminder_slot   INTEGER NOT NULL DEFAULT -1,
  status          TEXT NOT NULL DEFAULT 'queued',
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_until     BIGINT,
  last_error      TEXT,
  created_at      BIGINT NOT NULL,
  sent_at         BIGINT
);
CREATE INDEX outbox_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX outbox_invitation ON outbox_messages (invitation_id);
CREATE UNIQUE INDEX outbox_reminder_once ON outbox_messages (invitation_id, reminder_slot)
  WHERE kind = 'reminder';

CREATE TABLE outbox_attempts (
  id          TEXT PRIMARY KEY,
  message_id  TEXT NOT NULL REFERENCES outbox_messages (id) ON DELETE CASCADE,
  started_at  BIGINT NOT NULL,
  finished_at BIGINT,
  result      TEXT,                        -- sent | retry | failed
  error       TEXT
);
CREATE INDEX outbox_attempts_message ON outbox_attempts (message_id);

-- R16: no personal data here, so erasure never rewrites history.
CREATE TABLE audit_log (
  id            {{auto_id}},
  at            BIGINT NOT NULL,
  company_id    TEXT NOT NULL,
  actor_type    TEXT NOT NULL,
  actor_id      TEXT NOT NULL,
  action        TEXT NOT NULL,
  invitation_id TEXT
);
CREATE INDEX audit_log_invitation ON audit_log (invitation_id);
CREATE INDEX audit_log_company ON audit_log (company_id, at);

-- R8: what remains of erased invitations: anonymous counts per company and UTC day.
CREATE TABLE daily_stats (
  company_id TEXT NOT NULL,
  day        TEXT NOT NULL,
  invited    INTEGER NOT NULL DEFAULT 0,
  accepted   INTEGER NOT NULL DEFAULT 0,
  revoked    INTEGER NOT NULL DEFAULT 0,
  erased     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, day)
);
