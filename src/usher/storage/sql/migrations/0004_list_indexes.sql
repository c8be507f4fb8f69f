-- The Invited users list (R5) with a million pending invitations in one company: each sort
-- and filter finds its first page in an index in the order it pages, and its total comes
-- from index entries or a kept count instead of table rows (see docs/performance.md).

-- A user is 'invited' exactly while its invitation is pending, so pending users of a
-- company are found by name, by role and by text in users' own indexes; the search index
-- holds the text, so a search reads no table rows.
CREATE INDEX users_company_invited_name ON users (company_id, status, sort_name);
CREATE INDEX users_company_invited_role ON users (company_id, status, role);
CREATE INDEX users_company_invited_search ON users (company_id, status, search_text);

-- The users of a store or group, and whether each is a company's invited user, from
-- index entries alone (the total of a store or group filter).
DROP INDEX user_stores_store;
CREATE INDEX user_stores_store ON user_stores (store_id, user_id);
DROP INDEX user_user_groups_group;
CREATE INDEX user_user_groups_group ON user_user_groups (group_id, user_id);
CREATE INDEX users_id_state ON users (id, company_id, status);

-- Pending invitations per company, kept by triggers: the total of the unfiltered list
-- without counting a million index entries. Split by the last character of the
-- invitation id (random; its first ones are a time), so concurrent writers (PostgreSQL)
-- rarely wait for the same row; the total is the sum of the company's rows.
CREATE TABLE pending_counts (
  company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  shard      TEXT NOT NULL,
  n          BIGINT NOT NULL,
  PRIMARY KEY (company_id, shard)
);
INSERT INTO pending_counts (company_id, shard, n)
  SELECT company_id, substr(id, length(id), 1), COUNT(*) FROM invitations WHERE status = 'pending'
  GROUP BY company_id, substr(id, length(id), 1);

-- {{sqlite}}
CREATE TRIGGER invitations_pending_insert AFTER INSERT ON invitations
WHEN NEW.status = 'pending'
BEGIN
  INSERT INTO pending_counts (company_id, shard, n)
    VALUES (NEW.company_id, substr(NEW.id, length(NEW.id), 1), 1)
    ON CONFLICT (company_id, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER invitations_pending_delete AFTER DELETE ON invitations
WHEN OLD.status = 'pending'
BEGIN
  UPDATE pending_counts SET n = n - 1
    WHERE company_id = OLD.company_id AND shard = substr(OLD.id, length(OLD.id), 1);
END;
CREATE TRIGGER invitations_pending_update AFTER UPDATE OF status ON invitations
WHEN (OLD.status = 'pending') <> (NEW.status = 'pending')
BEGIN
  UPDATE pending_counts SET n = n - 1
    WHERE OLD.status = 'pending' AND company_id = OLD.company_id
      AND shard = substr(OLD.id, length(OLD.id), 1);
  INSERT INTO pending_counts (company_id, shard, n)
    SELECT NEW.company_id, substr(NEW.id, length(NEW.id), 1), 1 WHERE NEW.status = 'pending'
    ON CONFLICT (company_id, shard) DO UPDATE SET n = n + 1;
END;
-- {{end}}
-- {{postgres}}
CREATE FUNCTION usher_count_pending() RETURNS trigger LANGUAGE plpgsql AS $usher$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'pending' THEN
    UPDATE pending_counts SET n = n - 1
      WHERE company_id = OLD.company_id AND shard = substr(OLD.id, length(OLD.id), 1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'pending' THEN
    INSERT INTO pending_counts (company_id, shard, n)
      VALUES (NEW.company_id, substr(NEW.id, length(NEW.id), 1), 1)
      ON CONFLICT (company_id, shard) DO UPDATE SET n = pending_counts.n + 1;
  END IF;
  RETURN NULL;
END
$usher$;
CREATE TRIGGER invitations_pending_insert AFTER INSERT ON invitations
  FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION usher_count_pending();
CREATE TRIGGER invitations_pending_delete AFTER DELETE ON invitations
  FOR EACH ROW WHEN (OLD.status = 'pending') EXECUTE FUNCTION usher_count_pending();
CREATE TRIGGER invitations_pending_update AFTER UPDATE OF status ON invitations
  FOR EACH ROW WHEN ((OLD.status = 'pending') IS DISTINCT FROM (NEW.status = 'pending'))
  EXECUTE FUNCTION usher_count_pending();
-- {{end}}
