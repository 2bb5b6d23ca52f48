package io.cms.post.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cms.post.taxonomy.Term;
import io.cms.post.taxonomy.TermKind;
import io.cms.post.taxonomy.Terms;

/**
 * A tag or author as the API shows it. Ghost's names map as: {@code description} is a tag's
 * description and an author's bio; {@code image} a tag's feature image and an author's profile
 * image. Fields of the other kind are left out.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record TermView(UUID id, String slug, String name, String description, String image, String coverImage,
        String website, String location, String twitter, String facebook, String accentColor, String metaTitle,
        String metaDescription, UUID userId, Counts posts, long version, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** Posts that name the term and are published. */
    public record Counts(long published) {
    }

    static TermView of(Terms.Counted c) {
        return of(c.term(), c.published());
    }

    static TermView of(Term t, Long published) {
        boolean author = t.termKind() == TermKind.AUTHOR;
        return new TermView(t.id, t.slug, t.name, t.description, t.image, author ? t.coverImage : null,
                author ? t.website : null, author ? t.location : null, author ? t.twitter : null,
                author ? t.facebook : null, author ? null : t.accentColor, t.metaTitle, t.metaDescription,
                author ? t.userId : null, published == null ? null : new Counts(published), t.version, t.createdAt,
                t.updatedAt);
    }

    /** A page of tags or authors, in slug order. */
    public record Page(List<TermView> items, long total, int page, int limit) {
    }
}
