-- The change feed (GET /api/changes): one row per change a frontend would revalidate for (a post
-- published, its served HTML or slug changed, unpublished, deleted), in commit order: rows are
-- numbered while the render store's advisory lock is held, so a reader that has seen id N has seen
-- every change before it. Kept for a while (ChangeRetention), then pruned.
CREATE TABLE content_change (
    id          bigserial   PRIMARY KEY,
    post_id     uuid        NOT NULL,
    slug        text,
    kind        text        NOT NULL,
    version     bigint      NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX content_change_at ON content_change (changed_at);
