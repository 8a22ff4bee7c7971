-- The orders of GET /v1/members: sort=name|email|role|created, each by its key and then by id, so members
-- that tie still have one place and a cursor (key, id) is exact. A page is one index range (a row-value
-- comparison on the index), however far into the team it is. Descending order walks the same indexes
-- backwards. The keys are columns, as on SQLite (which needs them to be), so the list query is the same
-- SQL on both.

-- The name without ASCII case, compared byte by byte: COLLATE "C" makes lower() fold ASCII only and
-- compare bytes whatever the database's locale, which is exactly SQLite's lower() and order. A
-- locale-aware order would list and page differently on each database and installation.
ALTER TABLE members ADD COLUMN name_key TEXT COLLATE "C"
    GENERATED ALWAYS AS (lower(name COLLATE "C")) STORED;
-- Roles sort by rank, the team from the top down, because that is what an admin sorting by role is
-- after; alphabetically (admin, member, owner) the owners would come last.
ALTER TABLE members ADD COLUMN role_rank BIGINT
    GENERATED ALWAYS AS (CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END) STORED;

-- Plain CREATE INDEX: migrations run in a transaction, which CONCURRENTLY cannot; writes to members wait
-- for the moment it takes to index a team.
CREATE INDEX members_by_name ON members (name_key, id);
-- Emails are stored lower-case; "C" for SQLite's byte order (the list query says `email COLLATE "C"`).
CREATE INDEX members_by_email ON members (email COLLATE "C", id);
CREATE INDEX members_by_role ON members (role_rank, name_key, id);
CREATE INDEX members_by_created ON members (created_at, id);
