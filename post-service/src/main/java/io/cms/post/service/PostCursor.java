package io.cms.post.service;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import io.cms.common.rest.ProblemException;
import io.cms.common.rest.Timestamps;
import io.cms.post.Post;

/**
 * Where a walk through the post list stands: the sort, and the sort value and id of the last post
 * handed out. The next page starts right after it (keyset pagination), so walking every post costs
 * the same per page at the end as at the start, and a post written meanwhile shifts nothing.
 *
 * <p>Opaque to clients: base64url of {@code v1}, the sort field, {@code a}/{@code d}, the id and the
 * value (the value last, since a title may hold any character).
 */
public record PostCursor(PostQuery.SortField field, boolean descending, UUID lastId, Object lastValue) {

    private static final String VERSION = "v1";

    /** The cursor that continues after {@code post} in this sort. */
    public static PostCursor after(Post post, PostQuery.SortField field, boolean descending) {
        Object value = switch (field) {
            case publishedAt -> post.publishedAt;
            case updatedAt -> post.updatedAt;
            case title -> post.title;
        };
        return new PostCursor(field, descending, post.id, value);
    }

    public String encode() {
        String value = lastValue == null ? "" : "=" + lastValue;
        String raw = String.join("\n", VERSION, field.name(), descending ? "d" : "a", lastId.toString()) + "\n" + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException naming {@code cursor} when it is not one this API issued */
    public static PostCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", 5);
            if (parts.length != 5 || !parts[0].equals(VERSION) || !(parts[2].equals("a") || parts[2].equals("d"))) {
                throw invalid();
            }
            PostQuery.SortField field = PostQuery.SortField.valueOf(parts[1]);
            Object value = null;
            if (!parts[4].isEmpty()) {
                if (!parts[4].startsWith("=")) {
                    throw invalid();
                }
                String v = parts[4].substring(1);
                value = field == PostQuery.SortField.title ? v : storable(OffsetDateTime.parse(v));
            }
            return new PostCursor(field, parts[2].equals("d"), UUID.fromString(parts[3]), value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static OffsetDateTime storable(OffsetDateTime t) {
        if (!Timestamps.inRange(t)) {
            throw invalid();
        }
        return t;
    }

    private static ProblemException invalid() {
        return ProblemException.invalid("cursor", "is not a cursor this API issued; take it from a list answer's next");
    }
}
