package io.cms.search.messaging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.cms.common.messaging.VersionedPost;

/** The fields of a {@code cms.posts} event value that search needs (contract: post-service README). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PostEvent(UUID id, String slug, String title, String markdown, String excerpt, String author,
        List<String> tags, List<String> categories, String lang, String status, OffsetDateTime publishedAt,
        long version, boolean deleted) implements VersionedPost {

    /** Only published posts are searchable. */
    public boolean isPublic() {
        return !deleted && "published".equals(status);
    }
}
