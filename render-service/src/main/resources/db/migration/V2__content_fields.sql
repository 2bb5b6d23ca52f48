-- What the Ghost Content API (and later feeds and the sitemap) serve and filter on besides the HTML:
-- taken from each change event when it is stored. content_schema says which of these a row has:
-- rows written before a column existed are re-rendered from cms.posts at start-up (ContentSchema).
ALTER TABLE rendered_post
    ADD COLUMN content_schema integer     NOT NULL DEFAULT 1,
    ADD COLUMN is_page        boolean     NOT NULL DEFAULT false,
    ADD COLUMN featured       boolean     NOT NULL DEFAULT false,
    -- [{"slug": "…", "name": "…"}, …] in the post's order: the first is Ghost's primary tag.
    ADD COLUMN tag_list       jsonb       NOT NULL DEFAULT '[]',
    ADD COLUMN author_name    text,
    ADD COLUMN author_slug    text,
    ADD COLUMN owner_id       uuid,
    ADD COLUMN custom_excerpt text,
    ADD COLUMN lang           text,
    ADD COLUMN published_at   timestamptz,
    ADD COLUMN created_at     timestamptz,
    ADD COLUMN updated_at     timestamptz,
    ADD COLUMN front_matter   jsonb;

CREATE INDEX rendered_post_published ON rendered_post (is_page, published_at DESC, id) WHERE visible;
CREATE INDEX rendered_post_tags ON rendered_post USING gin (tag_list jsonb_path_ops) WHERE visible;
CREATE INDEX rendered_post_author ON rendered_post (author_slug) WHERE visible;
