-- One row per post this service has seen. A post that is not public (unpublished, deleted) keeps its
-- row with visible = false and no HTML, so an older event arriving late cannot bring it back.
CREATE TABLE rendered_post (
    id                    uuid PRIMARY KEY,
    version               bigint      NOT NULL,
    visible               boolean     NOT NULL,
    slug                  text,
    title                 text,
    html                  text,
    toc                   jsonb,
    excerpt               text,
    reading_time_minutes  integer,
    word_count            integer,
    cjk_char_count        integer,
    char_count            integer,
    warnings              jsonb,
    rendered_at           timestamptz NOT NULL
);
CREATE INDEX rendered_post_slug ON rendered_post (slug) WHERE visible;
