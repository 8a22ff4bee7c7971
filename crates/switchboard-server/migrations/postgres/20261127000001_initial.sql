-- The Team API's schema. Ids are UUID text (v7, so they sort by creation), instants are microseconds since
-- the Unix epoch, booleans are 0/1 and lists are JSON text: the same column types on SQLite and PostgreSQL
-- keep one data-access layer (sqlx Any) for both. `version` columns are the ETags, bumped by every write.

CREATE TABLE configuration (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    recording_inbound TEXT NOT NULL DEFAULT 'member_choice',
    recording_outbound TEXT NOT NULL DEFAULT 'member_choice',
    allowed_email_domains TEXT NOT NULL DEFAULT '[]',
    default_role TEXT NOT NULL DEFAULT 'member',
    invitation_lifetime_hours BIGINT NOT NULL DEFAULT 168,
    onboarding_url TEXT,
    unassigned_numbers TEXT NOT NULL DEFAULT 'reject',
    divert_to TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL DEFAULT 0
);
INSERT INTO configuration (id) VALUES (1);

CREATE TABLE members (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    grants TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'active',
    password_hash TEXT,
    recording_inbound BIGINT NOT NULL DEFAULT 0,
    recording_outbound BIGINT NOT NULL DEFAULT 0,
    avatar_version BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX members_role ON members (role);

CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    session_id TEXT,
    name TEXT,
    expires_at BIGINT,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX credentials_member ON credentials (member_id);
CREATE INDEX credentials_session ON credentials (session_id);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    grants TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at BIGINT NOT NULL,
    invited_by TEXT,
    member_id TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- One pending invitation per address: the database, not a check-then-insert, settles concurrent invites.
CREATE UNIQUE INDEX invitations_one_pending ON invitations (email) WHERE status = 'pending';

CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- A principal is a member or an invitation; `kind` says which (no foreign key can span both).
CREATE TABLE group_principals (
    group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    principal_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, principal_id)
);
CREATE INDEX group_principals_principal ON group_principals (principal_id);

CREATE TABLE numbers (
    id TEXT PRIMARY KEY,
    e164 TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL,
    kind TEXT NOT NULL,
    sharing TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE number_assignees (
    number_id TEXT NOT NULL REFERENCES numbers (id) ON DELETE CASCADE,
    principal_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (number_id, principal_id)
);
CREATE INDEX number_assignees_principal ON number_assignees (principal_id);

CREATE TABLE avatars (
    member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (member_id, size)
);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT,
    changes TEXT NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at);

-- Idempotency records per (owner, key): `owner` is the member behind the credential, so a retry after a
-- token refresh still replays. Kept at least 24 hours.
CREATE TABLE idempotency_keys (
    owner TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status BIGINT,
    content_type TEXT,
    location TEXT,
    etag TEXT,
    body BYTEA,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (owner, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Invitation emails, always recorded so an operator without SMTP can still hand out the accept link.
CREATE TABLE outbound_emails (
    id TEXT PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    accept_url TEXT NOT NULL,
    invitation_id TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
