-- The site settings set through post-service's API (cms.settings); a null column is "as configured"
-- (CMS_SITE_*). Every replica reads it every few seconds.
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
