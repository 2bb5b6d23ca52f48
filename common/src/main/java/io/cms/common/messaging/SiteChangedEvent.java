package io.cms.common.messaging;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.cms.common.site.SiteSettings;

/**
 * The value of every {@code cms.settings} record (key {@code site}): the site settings set through
 * post-service's API, each null field meaning "as the service's configuration says". The newest
 * {@code version} wins.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SiteChangedEvent(SiteSettings overrides, long version, OffsetDateTime updatedAt) {

    /** Compacted topic of settings changes; the site's are under {@link #KEY}. */
    public static final String TOPIC = "cms.settings";
    public static final String KEY = "site";
    public static final String TYPE = "cms.settings.updated";
}
