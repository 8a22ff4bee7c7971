-- Provisioning from an identity provider (SCIM 2.0).

-- Who owns a member's identity fields when it isn't the admins ('identity_provider'), the identity
-- provider's own id for the member, and the SCIM User as the identity provider last wrote it (JSON: the
-- attributes the team has no column for, such as name parts, emails and titles, given back as written).
ALTER TABLE members ADD COLUMN managed_by TEXT;
ALTER TABLE members ADD COLUMN external_id TEXT;
ALTER TABLE members ADD COLUMN scim_resource TEXT;
CREATE INDEX members_external_id ON members (external_id);

ALTER TABLE groups ADD COLUMN external_id TEXT;
CREATE INDEX groups_external_id ON groups (external_id);

-- Bearer tokens an owner gives the identity provider: valid on /scim/v2 only, stored hashed.
CREATE TABLE provisioning_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);

-- Who made a change: a member ('member', actor_id is the member) or the identity provider
-- ('identity_provider', actor_id is the provisioning token).
ALTER TABLE audit_events ADD COLUMN actor_kind TEXT NOT NULL DEFAULT 'member';
