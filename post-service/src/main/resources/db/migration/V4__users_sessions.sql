-- Staff accounts: who may sign in, and with which role (Ghost's staff roles).
CREATE TABLE cms_user (
    id             uuid        PRIMARY KEY,
    email          text        NOT NULL,
    name           text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'author', 'contributor')),
    -- Argon2id in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash): never the password.
    password_hash  text        NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
-- Addresses are compared as typed by people: case does not make another account.
CREATE UNIQUE INDEX cms_user_email ON cms_user (lower(email));
-- One owner at most.
CREATE UNIQUE INDEX cms_user_one_owner ON cms_user (role) WHERE role = 'owner';

-- Sessions signed in, by the id their token carries (its jti): a sign-out, a deleted user or a
-- changed role revokes them, and every service learns of it from the revoked ones still unexpired.
-- No foreign key: a deleted user's sessions stay, revoked, until they expire.
CREATE TABLE user_session (
    id          text        PRIMARY KEY,
    user_id     uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX user_session_user ON user_session (user_id) WHERE revoked_at IS NULL;
CREATE INDEX user_session_revoked ON user_session (expires_at) WHERE revoked_at IS NOT NULL;
