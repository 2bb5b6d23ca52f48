package io.cms.post.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cms.common.media.FeatureImage;
import io.cms.post.Post;

/** A post as the API returns it. */
public record PostResponse(
        UUID id,
        String slug,
        String title,
        String markdown,
        String excerpt,
        String author,
        UUID ownerId,
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
        @JsonInclude(JsonInclude.Include.NON_NULL) FeatureImage featureImage) {

    static PostResponse of(Post p) {
        return new PostResponse(p.id, p.slug, p.title, p.markdown, p.excerpt, p.author, p.ownerId, p.tags, p.categories,
                p.lang, p.layout, p.status.wireName(), p.publishedAt, p.createdAt, p.updatedAt, p.version,
                p.frontMatter, FeatureImage.of(p.frontMatter));
    }
}
