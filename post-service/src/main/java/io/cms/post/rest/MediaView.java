package io.cms.post.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cms.post.media.Media;
import io.cms.post.media.MediaInput;
import io.cms.post.media.MediaVariants;

/**
 * An image of the library as the API shows it: {@code url} is the address to put in a post (its
 * largest served file, named with its size: render-service gives such an image its {@code srcset},
 * {@code width} and {@code height}), {@code variants} every width served, {@code srcset} those ready
 * to use.
 */
public record MediaView(UUID id, String url, String type, long bytes, int width, int height, String sha256, String alt,
        String caption, MediaInput.FocalPoint focalPoint, String fileName, List<Variant> variants, String srcset, long version,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public record Variant(int width, String url) {
    }

    static MediaView of(Media m, MediaVariants files) {
        List<Variant> variants = files.widths(m).stream().map(w -> new Variant(w, files.url(m, w))).toList();
        String srcset = String.join(", ", variants.stream().map(v -> v.url() + " " + v.width() + "w").toList());
        return new MediaView(m.id, files.reference(m), m.type, m.bytes, m.width, m.height, m.sha256, m.alt,
                m.caption, m.focalX == null ? null : new MediaInput.FocalPoint(m.focalX, m.focalY), m.fileName, variants, srcset,
                m.version, m.createdAt, m.updatedAt);
    }

    /** A page of the library, newest first. */
    public record Page(List<MediaView> items, long total, int page, int limit) {
    }
}
