-- Idempotency records belong to the credential that made the request, as the contract says: the sign-in
-- session (`session:<id>`, the same across refreshes) or the API token (`token:<id>`), no longer the
-- member. The records made before were keyed by member id and could never match again, so they go.
DELETE FROM idempotency_keys;
ALTER TABLE idempotency_keys RENAME COLUMN owner TO credential;
