-- Sessions of admins and app users (only token hashes), and rate-limit windows (R15).
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  subject    TEXT NOT NULL,                -- admin | user
  subject_id TEXT NOT NULL,
  company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_subject ON sessions (subject, subject_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Hits per key and fixed window. Keys never hold a login in clear (see auth/service.cc).
CREATE TABLE rate_limits (
  key          TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  window_end   BIGINT NOT NULL,
  hits         BIGINT NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_end ON rate_limits (window_end);
