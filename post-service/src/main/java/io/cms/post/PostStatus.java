package io.cms.post;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;

/** Where a post is in its life: only {@code published} posts are public. */
public enum PostStatus {
    DRAFT, PUBLISHED, SCHEDULED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name; {@code null} for anything else, so callers can report the field. */
    @JsonCreator
    public static PostStatus fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (PostStatus s : values()) {
            if (s.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be one of draft, published, scheduled");
    }

    /** Stores the wire name, matching the CHECK constraint of the table. */
    @jakarta.persistence.Converter
    public static class Converter implements AttributeConverter<PostStatus, String> {
        @Override
        public String convertToDatabaseColumn(PostStatus status) {
            return status == null ? null : status.wireName();
        }

        @Override
        public PostStatus convertToEntityAttribute(String value) {
            return fromWire(value);
        }
    }
}
