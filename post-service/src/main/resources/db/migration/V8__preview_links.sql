-- Preview links: a URL that shows one post's current text, rendered, to whoever holds it, until it
-- expires or is revoked. Only the SHA-256 of the link's token is kept; the URL is shown once.
-- A deleted post takes its links with it.
CREATE TABLE preview_link (
    id          uuid        PRIMARY KEY,
    post_id     uuid        NOT NULL REFERENCES post (id) ON DELETE CASCADE,
    token_hash  text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX preview_link_post ON preview_link (post_id, created_at);
