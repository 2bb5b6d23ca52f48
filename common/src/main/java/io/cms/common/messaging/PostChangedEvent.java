package io.cms.common.messaging;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.cms.common.media.FeatureImage;

/**
 * The value of every {@code cms.posts} record: the post as it is after the change. The one record of
 * the event contract: post-service writes it, render- and search-service read it (unknown fields are
 * ignored, so the producer can add fields first), and the contract fixtures check both sides. A
 * deletion keeps {@code id}, {@code slug}, {@code title} and {@code version} and sets {@code deleted};
 * the other content fields are then null or empty. {@code changedFields} names what this change altered;
 * {@code ownerId} is the user who owns the post (null for none, e.g. an import not yet claimed);
 * {@code featureImage} the front matter's feature image when it is a library reference (null otherwise).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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
        List<String> changedFields,
        UUID ownerId,
        FeatureImage featureImage) implements VersionedPost {

    /** Only published posts are rendered, searchable and delivered as content. */
    @JsonIgnore
    public boolean isPublic() {
        return !deleted && "published".equals(status);
    }
}
