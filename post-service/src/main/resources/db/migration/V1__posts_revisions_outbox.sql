-- Posts: the source of truth.
CREATE TABLE post (
    id            uuid PRIMARY KEY,
    slug          text        NOT NULL UNIQUE,
    title         text        NOT NULL,
    markdown      text        NOT NULL,
    excerpt       text,
    author        text,
    tags          varchar[]   NOT NULL DEFAULT '{}',
    categories    varchar[]   NOT NULL DEFAULT '{}',
    lang          text,
    layout        text,
    status        text        NOT NULL CHECK (status IN ('draft', 'published', 'scheduled')),
    published_at  timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL,
    front_matter  jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX post_status_published_at ON post (status, published_at);
CREATE INDEX post_updated_at ON post (updated_at);
CREATE INDEX post_tags ON post USING gin (tags);
CREATE INDEX post_categories ON post USING gin (categories);
CREATE INDEX post_author ON post (author);

-- Every version a post has had, as a full snapshot, so nothing an edit replaced is lost.
CREATE TABLE post_revision (
    post_id         uuid        NOT NULL,
    version         bigint      NOT NULL,
    change_type     text        NOT NULL,
    changed_fields  varchar[]   NOT NULL DEFAULT '{}',
    changed_by      text        NOT NULL,
    changed_at      timestamptz NOT NULL,
    snapshot        jsonb       NOT NULL,
    PRIMARY KEY (post_id, version)
);

-- Transactional outbox: written in the transaction of the change, published by the relay after commit.
-- The id orders rows; for one post it follows the order of commits because every change of a post
-- holds that post's row lock while it inserts here.
CREATE TABLE outbox (
    id              bigserial   PRIMARY KEY,
    event_id        uuid        NOT NULL UNIQUE,
    aggregate_type  text        NOT NULL,
    aggregate_id    text        NOT NULL,
    type            text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    payload         text        NOT NULL
);

-- Wake the relay at commit instead of making it poll: NOTIFY is delivered only when the inserting
-- transaction commits, and never for one that rolls back.
CREATE FUNCTION outbox_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('cms_outbox', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
