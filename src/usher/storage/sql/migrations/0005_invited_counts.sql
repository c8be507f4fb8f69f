-- Invited users per company and role, store or group, kept by triggers: the total of the
-- Invited users list filtered by one of them (R5) without reading every user of a big
-- store (tens of thousands of index lookups). A count is the number of the company's
-- users with status 'invited' that have the role or a link to the store or group; laid
-- out like pending_counts (0004), split by the last character of the user id; the total
-- is the sum.
--
-- Kept on SQLite only (the table exists in both dialects, empty on PostgreSQL, where these
-- totals are counted from the indexes as before): creating an invitation changes several
-- of these rows (role, then stores, then groups) in an order that accepting or erasing,
-- which change them in index order, cannot follow, so PostgreSQL's concurrent writers
-- could deadlock. SQLite has one writer.
CREATE TABLE invited_counts (
  company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,  -- role | store | group
  value      TEXT NOT NULL,  -- the role, or the store's or group's id
  shard      TEXT NOT NULL,
  n          BIGINT NOT NULL,
  PRIMARY KEY (company_id, kind, value, shard)
);
-- {{sqlite}}
INSERT INTO invited_counts (company_id, kind, value, shard, n)
  SELECT company_id, 'role', role, substr(id, length(id), 1), COUNT(*) FROM users
  WHERE status = 'invited' GROUP BY company_id, role, substr(id, length(id), 1);
INSERT INTO invited_counts (company_id, kind, value, shard, n)
  SELECT u.company_id, 'store', s.store_id, substr(u.id, length(u.id), 1), COUNT(*)
  FROM user_stores s JOIN users u ON u.id = s.user_id WHERE u.status = 'invited'
  GROUP BY u.company_id, s.store_id, substr(u.id, length(u.id), 1);
INSERT INTO invited_counts (company_id, kind, value, shard, n)
  SELECT u.company_id, 'group', g.group_id, substr(u.id, length(u.id), 1), COUNT(*)
  FROM user_user_groups g JOIN users u ON u.id = g.user_id WHERE u.status = 'invited'
  GROUP BY u.company_id, g.group_id, substr(u.id, length(u.id), 1);

-- The events that change a count: a user created invited; a user's status leaving or
-- entering 'invited', or an invited user's role changing; an invited user deleted (before
-- the deletion, while its links still exist: links deleted by the cascade then find no
-- user and count nothing); a link added to or removed from an invited user.
CREATE TRIGGER users_invited_insert AFTER INSERT ON users
WHEN NEW.status = 'invited'
BEGIN
  INSERT INTO invited_counts (company_id, kind, value, shard, n)
    VALUES (NEW.company_id, 'role', NEW.role, substr(NEW.id, length(NEW.id), 1), 1)
    ON CONFLICT (company_id, kind, value, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER users_invited_role AFTER UPDATE OF status, role ON users
WHEN (OLD.status = 'invited') <> (NEW.status = 'invited')
  OR (NEW.status = 'invited' AND OLD.role <> NEW.role)
BEGIN
  UPDATE invited_counts SET n = n - 1
    WHERE OLD.status = 'invited' AND company_id = OLD.company_id AND kind = 'role'
      AND value = OLD.role AND shard = substr(OLD.id, length(OLD.id), 1);
  INSERT INTO invited_counts (company_id, kind, value, shard, n)
    SELECT NEW.company_id, 'role', NEW.role, substr(NEW.id, length(NEW.id), 1), 1
    WHERE NEW.status = 'invited'
    ON CONFLICT (company_id, kind, value, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER users_invited_links AFTER UPDATE OF status ON users
WHEN (OLD.status = 'invited') <> (NEW.status = 'invited')
BEGIN
  UPDATE invited_counts SET n = n - 1
    WHERE OLD.status = 'invited' AND company_id = OLD.company_id
      AND shard = substr(OLD.id, length(OLD.id), 1)
      AND ((kind = 'store' AND value IN (SELECT store_id FROM user_stores WHERE user_id = OLD.id))
        OR (kind = 'group'
            AND value IN (SELECT group_id FROM user_user_groups WHERE user_id = OLD.id)));
  INSERT INTO invited_counts (company_id, kind, value, shard, n)
    SELECT NEW.company_id, 'store', store_id, substr(NEW.id, length(NEW.id), 1), 1
    FROM user_stores WHERE user_id = NEW.id AND NEW.status = 'invited'
    ON CONFLICT (company_id, kind, value, shard) DO UPDATE SET n = n + 1;
  INSERT INTO invited_counts (company_id, kind, value, shard, n)
    SELECT NEW.company_id, 'group', group_id, substr(NEW.id, length(NEW.id), 1), 1
    FROM user_user_groups WHERE user_id = NEW.id AND NEW.status = 'invited'
    ON CONFLICT (company_id, kind, value, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER users_invited_delete BEFORE DELETE ON users
WHEN OLD.status = 'invited'
BEGIN
  UPDATE invited_counts SET n = n - 1
    WHERE company_id = OLD.company_id AND shard = substr(OLD.id, length(OLD.id), 1)
      AND ((kind = 'role' AND value = OLD.role)
        OR (kind = 'store' AND value IN (SELECT store_id FROM user_stores WHERE user_id = OLD.id))
        OR (kind = 'group'
            AND value IN (SELECT group_id FROM user_user_groups WHERE user_id = OLD.id)));
END;
CREATE TRIGGER user_stores_invited_insert AFTER INSERT ON user_stores
BEGIN
  INSERT INTO invited_counts (company_id, kind, value, shard, n)
    SELECT company_id, 'store', NEW.store_id, substr(id, length(id), 1), 1
    FROM users WHERE id = NEW.user_id AND status = 'invited'
    ON CONFLICT (company_id, kind, value, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER user_stores_invited_delete AFTER DELETE ON user_stores
BEGIN
  UPDATE invited_counts SET n = n - 1
    WHERE kind = 'store' AND value = OLD.store_id
      AND (company_id, shard) IN (SELECT company_id, substr(id, length(id), 1) FROM users
                                  WHERE id = OLD.user_id AND status = 'invited');
END;
CREATE TRIGGER user_user_groups_invited_insert AFTER INSERT ON user_user_groups
BEGIN
  INSERT INTO invited_counts (company_id, kind, value, shard, n)
    SELECT company_id, 'group', NEW.group_id, substr(id, length(id), 1), 1
    FROM users WHERE id = NEW.user_id AND status = 'invited'
    ON CONFLICT (company_id, kind, value, shard) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER user_user_groups_invited_delete AFTER DELETE ON user_user_groups
BEGIN
  UPDATE invited_counts SET n = n - 1
    WHERE kind = 'group' AND value = OLD.group_id
      AND (company_id, shard) IN (SELECT company_id, substr(id, length(id), 1) FROM users
                                  WHERE id = OLD.user_id AND status = 'invited');
END;
-- {{end}}
