-- Pending invitations per company and hour of expiry (expires_at / 3600), kept by
-- triggers: the total of the list filtered by marker (R5: an expiry range) sums the whole
-- hours of the range here and counts index entries only for the two partial hours at its
-- ends, instead of tens of thousands of entries. Split by the last character of the
-- invitation id like pending_counts (0004), so concurrent writers of one company
-- (PostgreSQL; invitations made together expire in the same hour) rarely share a row.
CREATE TABLE expiry_counts (
  company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  hour       BIGINT NOT NULL,
  shard      TEXT NOT NULL,
  n          BIGINT NOT NULL,
  PRIMARY KEY (company_id, hour, shard)
);
INSERT INTO expiry_counts (company_id, hour, shard, n)
  SELECT company_id, expires_at / 3600, substr(id, length(id), 1), COUNT(*) FROM invitations
  WHERE status = 'pending' GROUP BY company_id, expires_at / 3600, substr(id, length(id), 1);

-- {{sqlite}}
CREATE TRIGGER invitations_expiry_insert AFTER INSERT ON invitations
WHEN NEW.status = 'pending'
BEGIN
  INSERT INTO expiry_counts (company_id, hour, shard, n)
    VALUES (NEW.company_id, NEW.expires_at / 3600, substr(NEW.id, length(NEW.id), 1), 1)
    ON CONFLICT (company_id, hour, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER invitations_expiry_delete AFTER DELETE ON invitations
WHEN OLD.status = 'pending'
BEGIN
  UPDATE expiry_counts SET n = n - 1
    WHERE company_id = OLD.company_id AND hour = OLD.expires_at / 3600
      AND shard = substr(OLD.id, length(OLD.id), 1);
END;
CREATE TRIGGER invitations_expiry_update AFTER UPDATE OF status, expires_at ON invitations
WHEN (OLD.status = 'pending') <> (NEW.status = 'pending')
  OR (NEW.status = 'pending' AND OLD.expires_at / 3600 <> NEW.expires_at / 3600)
BEGIN
  UPDATE expiry_counts SET n = n - 1
    WHERE OLD.status = 'pending' AND company_id = OLD.company_id
      AND hour = OLD.expires_at / 3600 AND shard = substr(OLD.id, length(OLD.id), 1);
  INSERT INTO expiry_counts (company_id, hour, shard, n)
    SELECT NEW.company_id, NEW.expires_at / 3600, substr(NEW.id, length(NEW.id), 1), 1
    WHERE NEW.status = 'pending'
    ON CONFLICT (company_id, hour, shard) DO UPDATE SET n = n + 1;
END;
-- {{end}}
-- {{postgres}}
CREATE FUNCTION usher_count_expiry() RETURNS trigger LANGUAGE plpgsql AS $usher$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'pending' THEN
    UPDATE expiry_counts SET n = n - 1
      WHERE company_id = OLD.company_id AND hour = OLD.expires_at / 3600
        AND shard = substr(OLD.id, length(OLD.id), 1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'pending' THEN
    INSERT INTO expiry_counts (company_id, hour, shard, n)
      VALUES (NEW.company_id, NEW.expires_at / 3600, substr(NEW.id, length(NEW.id), 1), 1)
      ON CONFLICT (company_id, hour, shard) DO UPDATE SET n = expiry_counts.n + 1;
  END IF;
  RETURN NULL;
END
$usher$;
CREATE TRIGGER invitations_expiry_insert AFTER INSERT ON invitations
  FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION usher_count_expiry();
CREATE TRIGGER invitations_expiry_delete AFTER DELETE ON invitations
  FOR EACH ROW WHEN (OLD.status = 'pending') EXECUTE FUNCTION usher_count_expiry();
CREATE TRIGGER invitations_expiry_update AFTER UPDATE OF status, expires_at ON invitations
  FOR EACH ROW WHEN ((OLD.status = 'pending') IS DISTINCT FROM (NEW.status = 'pending')
                     OR (NEW.status = 'pending'
                         AND OLD.expires_at / 3600 IS DISTINCT FROM NEW.expires_at / 3600))
  EXECUTE FUNCTION usher_count_expiry();
-- {{end}}
