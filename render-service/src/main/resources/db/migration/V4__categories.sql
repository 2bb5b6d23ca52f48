-- A post's categories, for permalinks with :categories (content schema 3: rows stored before it
-- are stored again from cms.posts at start-up).
ALTER TABLE rendered_post ADD COLUMN categories jsonb NOT NULL DEFAULT '[]';
