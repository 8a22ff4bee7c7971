-- Member search (`GET /v1/members?q=`) without reading every member: trigram indexes (pg_trgm, a
-- trusted extension that ships with PostgreSQL) serve `LIKE '%q%'` on the name, the email and the
-- phone numbers, whose bitmaps a search ORs. Without GIN's fast update, a
-- write updates the index at once instead of queueing in a list every search would then read: members
-- and numbers change seldom, and searches stay as fast after a bulk load as before it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX members_name_trgm ON members USING gin (lower(name) gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX members_email_trgm ON members USING gin (email gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX numbers_e164_trgm ON numbers USING gin (e164 gin_trgm_ops) WITH (fastupdate = off);
