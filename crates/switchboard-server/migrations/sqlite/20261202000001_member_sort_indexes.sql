-- The orders of GET /v1/members: sort=name|email|role|created, each by its key and then by id, so members
-- that tie still have one place and a cursor (key, id) is exact. A page must be one index range, not a
-- walk over every member before the cursor, and SQLite takes a row-value range `(key, id) > (?, ?)` from
-- an index only when the keys are columns: hence generated columns rather than indexed expressions.
-- Descending order walks the same indexes backwards.

-- The name without ASCII case, compared byte by byte: SQLite's lower() folds ASCII only. PostgreSQL's
-- name_key is the same value and the same order (COLLATE "C"), so both databases list and page alike.
ALTER TABLE members ADD COLUMN name_key TEXT GENERATED ALWAYS AS (lower(name)) VIRTUAL;
-- Roles sort by rank, the team from the top down, because that is what an admin sorting by role is
-- after; alphabetically (admin, member, owner) the owners would come last.
ALTER TABLE members ADD COLUMN role_rank BIGINT
    GENERATED ALWAYS AS (CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END) VIRTUAL;

-- name and email ride along in the default order's index so that a search (`q`, a LIKE on both) is
-- decided from the index, reading the table only for the rows it returns: a search that matches few
-- members walks the whole index, and going to the table for every member made it three times slower.
-- The same columns make the search's count a scan of this index rather than of the table.
CREATE INDEX members_by_name ON members (name_key, id, name, email);
CREATE INDEX members_by_role ON members (role_rank, name_key, id);
CREATE INDEX members_by_created ON members (created_at, id);
-- sort=email needs no index of its own: email is UNIQUE NOT NULL, and SQLite serves the order from the
-- constraint's index.
