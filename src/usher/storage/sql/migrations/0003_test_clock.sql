-- The time of `usher serve --test-clock`, shared by every process of a test (one row).
CREATE TABLE test_clock (
  id  INTEGER PRIMARY KEY,
  now BIGINT NOT NULL
);
