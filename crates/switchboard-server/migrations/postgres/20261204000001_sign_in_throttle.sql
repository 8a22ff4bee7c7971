-- Failed sign-ins, per account (`account:<email>`, known or not) and per source address (`ip:<addr>`), so
-- that every instance on this database throttles guessing alike (src/throttle.rs). `failures` decays by
-- one per decay period since `last_failure_at`, applied when the next failure is recorded.
CREATE TABLE sign_in_failures (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_failure_at BIGINT NOT NULL
);
-- Rows long past their last failure are purged.
CREATE INDEX sign_in_failures_last_failure_at ON sign_in_failures (last_failure_at);
