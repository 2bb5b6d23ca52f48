package io.cms.render.messaging;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.cms.common.messaging.VersionedPost;

/**
 * The fields of a {@code cms.posts} event value that rendering needs (see post-service's README for
 * the whole contract). Unknown fields are ignored, so the producer can add fields safely.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PostEvent(UUID id, String slug, String title, String markdown, String excerpt, String status,
        long version, boolean deleted) implements VersionedPost {

    /** Only published posts are rendered and served. */
    public boolean isPublic() {
        return !deleted && "published".equals(status);
    }
}
