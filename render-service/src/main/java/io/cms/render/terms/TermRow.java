package io.cms.render.terms;

import java.util.UUID;

/** A tag's or author's own fields, as its newest event said them. */
public record TermRow(UUID id, String kind, String slug, String name, String description, String image, String coverImage,
        String website, String location, String twitter, String facebook, String accentColor, String metaTitle,
        String metaDescription) {

    /** A term with no entity (yet): every field of its own null. */
    public static final TermRow NONE = new TermRow(null, null, null, null, null, null, null, null, null, null, null, null,
            null, null);
}
