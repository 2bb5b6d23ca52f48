package io.cms.render.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Value of a {@code cms.post.rendered} event: HTML of this post version is now served at these paths;
 * of a {@code cms.post.unrendered} event (no {@code urls}): from this version on, the post is not served.
 */
public record PostRenderedEvent(UUID id, String slug, long version, String title, Urls urls, OffsetDateTime renderedAt) {

    /** Paths of the render on render-service. */
    public record Urls(String json, String html) {
    }
}
