package io.cms.render.feeds;

/** The feed formats, each with its file name, media type and ROME's name for it. */
public enum FeedFormat {
    ATOM("feed.xml", "application/atom+xml", "atom_1.0"),
    RSS("rss.xml", "application/rss+xml", "rss_2.0"),
    JSON("feed.json", "application/feed+json", null);

    private final String file;
    private final String mediaType;
    private final String romeType;

    FeedFormat(String file, String mediaType, String romeType) {
        this.file = file;
        this.mediaType = mediaType;
        this.romeType = romeType;
    }

    public String file() {
        return file;
    }

    public String mediaType() {
        return mediaType;
    }

    String romeType() {
        return romeType;
    }
}
