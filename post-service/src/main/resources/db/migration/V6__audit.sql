-- Who did what: sign-ins (and failed ones, without the password), users, roles, sessions and
-- webhooks. Rows are only ever added.
CREATE TABLE audit_event (
    id      bigserial   PRIMARY KEY,
    at      timestamptz NOT NULL,
    -- user:<id>, admin (the admin token) or anonymous
    actor   text        NOT NULL,
    -- sign-in, sign-in.failed, sign-out, user.created, user.updated, user.deleted, webhook.created, …
    action  text        NOT NULL,
    -- What it was done to: user:<id>, webhook:<id>, or the address a sign-in tried.
    target  text,
    -- The client's address, as the per-client limits see it.
    client  text,
    detail  jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_at ON audit_event (at DESC, id DESC);
CREATE INDEX audit_event_action ON audit_event (action, at DESC);
