-- The site settings set through the API (PUT /api/settings/site); a null column is "as configured"
-- (CMS_SITE_*). One row at most.
CREATE TABLE site_settings (
    id          int         PRIMARY KEY CHECK (id = 1),
    url         text,
    title       text,
    description text,
    lang        text,
    timezone    text,
    permalink   text,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL
);
-- The row exists from the start, so the first change locks it like every later one.
INSERT INTO site_settings (id, version, updated_at) VALUES (1, 0, now());
