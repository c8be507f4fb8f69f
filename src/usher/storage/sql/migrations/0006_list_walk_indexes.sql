-- The list's walk in expiry or invitation order (R5) tests each invitation's user (role)
-- or links (store, group) until the page is full: with a role filter it walks some 25
-- invitations per row shown. With the user id in the walk's indexes and the role in the
-- users' (id, company, status) index, an invitation that does not match is passed over
-- from index entries alone; only the rows shown are read from the tables.
DROP INDEX invitations_company_expiry;
CREATE INDEX invitations_company_expiry
  ON invitations (company_id, status, expires_at, id, user_id);
DROP INDEX invitations_company_invited;
CREATE INDEX invitations_company_invited
  ON invitations (company_id, status, invited_at, id, user_id);
DROP INDEX users_id_state;
CREATE INDEX users_id_state ON users (id, company_id, status, role);
