-- Invitations: a one-time link that lets one person make their own account, with the role the
-- inviter chose and the address the inviter typed. Only the SHA-256 of the link's token is kept.
CREATE TABLE invitation (
    id                uuid        PRIMARY KEY,
    email             text        NOT NULL,
    role              text        NOT NULL CHECK (role IN ('admin', 'editor', 'author', 'contributor')),
    token_hash        text        NOT NULL UNIQUE,
    created_at        timestamptz NOT NULL,
    created_by        text        NOT NULL,
    expires_at        timestamptz NOT NULL,
    accepted_at       timestamptz,
    accepted_user_id  uuid,
    revoked_at        timestamptz
);
CREATE INDEX invitation_pending ON invitation (lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL;
