package io.cms.post.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cms.post.Post;

/** A post in a list: everything but the body, which a list page does not need. */
public record PostSummary(
        UUID id,
        String slug,
        String title,
        String excerpt,
        String author,
        List<String> tags,
        List<String> categories,
        String lang,
        String status,
        OffsetDateTime publishedAt,
        OffsetDateTime updatedAt,
        long version) {

    static PostSummary of(Post p) {
        return new PostSummary(p.id, p.slug, p.title, p.excerpt, p.author, p.tags, p.categories, p.lang,
                p.status.wireName(), p.publishedAt, p.updatedAt, p.version);
    }
}
