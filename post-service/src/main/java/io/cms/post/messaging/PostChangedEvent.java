package io.cms.post.messaging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The value of every {@code cms.posts} record: the post as it is after the change. A deletion keeps
 * {@code id}, {@code slug}, {@code title} and {@code version} and sets {@code deleted}; the other
 * content fields are then null or empty. {@code changedFields} names what this change altered.
 */
public record PostChangedEvent(
        UUID id,
        String slug,
        String title,
        String markdown,
        String excerpt,
        String author,
        List<String> tags,
        List<String> categories,
        String lang,
        String layout,
        String status,
        OffsetDateTime publishedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version,
        Map<String, Object> frontMatter,
        boolean deleted,
        List<String> changedFields) {
}
