-- API keys: content keys read published content (a frontend, a static site), admin keys act as an
-- admin with no user (an integration). Only the SHA-256 of a key is kept; the key is shown once.
CREATE TABLE api_key (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('content', 'admin')),
    key_hash      text        NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
