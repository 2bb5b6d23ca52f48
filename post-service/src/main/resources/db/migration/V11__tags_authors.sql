-- Tags and authors as entities. A post still carries its tags' and author's names as written (so an
-- import exports as it came); the slug of a name is what ties it to its entity. Kinds share one
-- table: they have the same life (rename, merge, delete through the posts that carry them).
CREATE TABLE taxonomy_term (
    id                uuid        PRIMARY KEY,
    kind              text        NOT NULL CHECK (kind IN ('tag', 'author')),
    slug              text        NOT NULL,
    name              text        NOT NULL,
    description       text,
    image             text,
    cover_image       text,
    website           text,
    location          text,
    twitter           text,
    facebook          text,
    accent_color      text,
    meta_title        text,
    meta_description  text,
    -- The staff account this author is (authors only); one author per account.
    user_id           uuid        UNIQUE REFERENCES cms_user (id) ON DELETE SET NULL,
    version           bigint      NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, slug)
);

-- The slugs of a post's tags and of its author, kept with every write (computed in Java: the slug
-- rules are Unicode-aware). Null until the start-up backfill has reached a post written before.
ALTER TABLE post ADD COLUMN tag_slugs varchar[];
ALTER TABLE post ADD COLUMN author_slug text;
CREATE INDEX post_tag_slugs ON post USING gin (tag_slugs);
CREATE INDEX post_author_slug ON post (author_slug);
CREATE INDEX post_slugs_missing ON post (id) WHERE tag_slugs IS NULL;
