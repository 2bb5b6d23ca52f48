-- The media library: images as uploaded (their bytes in the media store, by SHA-256, once however
-- often uploaded) and what the library says of them. Width and height are as shown (EXIF
-- orientation applied); variants are made from the original on first request.
CREATE TABLE media (
    id           uuid        PRIMARY KEY,
    sha256       text        NOT NULL UNIQUE,
    type         text        NOT NULL,
    bytes        bigint      NOT NULL,
    width        int         NOT NULL,
    height       int         NOT NULL,
    orientation  int         NOT NULL,
    variant_ext  text        NOT NULL,
    file_name    text,
    alt          text,
    caption      text,
    focal_x      real,
    focal_y      real,
    uploaded_by  text        NOT NULL,
    version      bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX media_type_created ON media (type, created_at);
CREATE INDEX media_created ON media (created_at);
