-- The user who owns a post: authors and contributors change only their own. Null for posts the
-- admin token or an import wrote (the front matter's author name stays in "author").
ALTER TABLE post ADD COLUMN owner_id uuid;
CREATE INDEX post_owner ON post (owner_id) WHERE owner_id IS NOT NULL;
