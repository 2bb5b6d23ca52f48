-- Tags' and authors' own fields, from cms.terms (the newest version of each wins). Published posts
-- still say which tags and author they have (rendered_post.tag_list, author_slug); these rows add
-- what a term says of itself. Slugs are not unique here: events of two terms arrive in any order
-- (one renamed away from a slug, another taking it), so readers take the newest row of a slug.
CREATE TABLE term (
    id                uuid        PRIMARY KEY,
    kind              text        NOT NULL,
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
    version           bigint      NOT NULL,
    deleted           boolean     NOT NULL DEFAULT false,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX term_kind_slug ON term (kind, slug);

-- The change feed names tags and authors too: post_id holds the term's id for those rows.
COMMENT ON COLUMN content_change.post_id IS 'the post''s id, or the tag''s or author''s for tag.* and author.* changes';
