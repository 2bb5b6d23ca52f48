package io.cms.post.studio;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.cms.common.rest.ProblemException;

/**
 * The writer's time zone, which the studio's script keeps in the cookie {@code cms_zone} (the
 * browser's IANA zone); without it, UTC. Times are shown and read in it.
 */
final class StudioZone {

    static final String COOKIE = "cms_zone";

    private StudioZone() {
    }

    static ZoneId of(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 64) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(java.net.URLDecoder.decode(cookie, java.nio.charset.StandardCharsets.UTF_8));
        } catch (DateTimeException | IllegalArgumentException e) {
            return ZoneOffset.UTC;
        }
    }

    /** A {@code datetime-local} value (2026-12-08T09:30) in the zone; refused naming the field. */
    static OffsetDateTime read(String field, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required: a date and time");
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date and time such as 2026-12-24T09:00");
        }
    }
}
