package io.cms.common.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The value of every {@code cms.terms} record, keyed by the term's id: a tag or an author
 * ({@code kind}) as it is after the change. Posts carry their terms by name, so a rename or merge
 * also changes each post that carried it, each with its own {@link PostChangedEvent}; this event is
 * what the term itself says (its description, images, meta fields). A deletion keeps {@code kind},
 * {@code id}, {@code slug} and {@code name} and sets {@code deleted}; a merge deletes the source with
 * {@code mergedInto} naming the term that took its posts. {@code version} grows with every change.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TermChangedEvent(
        String kind,
        UUID id,
        String slug,
        String name,
        String description,
        String image,
        String coverImage,
        String website,
        String location,
        String twitter,
        String facebook,
        String accentColor,
        String metaTitle,
        String metaDescription,
        UUID userId,
        long version,
        OffsetDateTime updatedAt,
        boolean deleted,
        UUID mergedInto) {

    /** Compacted topic of tag and author changes, keyed by the term's id. */
    public static final String TOPIC = "cms.terms";
}
