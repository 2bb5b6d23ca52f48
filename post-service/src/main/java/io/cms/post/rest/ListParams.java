package io.cms.post.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ResultWindow;
import io.cms.common.rest.Timestamps;
import io.cms.post.PostStatus;
import io.cms.post.service.PostCursor;
import io.cms.post.service.PostQuery;

/** Parses and checks the query parameters of the post list, naming the parameter at fault. */
final class ListParams {

    static final int MAX_LIMIT = 100;

    private ListParams() {
    }

    static int page(String value) {
        int page = intParam("page", value, 1);
        if (page < 1) {
            throw ProblemException.invalid("page", "must be 1 or more");
        }
        return page;
    }

    /** Refuses a page beyond the result window, naming the window and how far the request reached. */
    static void requireWithinWindow(int page, int limit) {
        ResultWindow.refusal(page, limit, "Walk the whole list with cursor: follow each answer's next link.")
                .ifPresent(message -> {
                    throw new ProblemException(ProblemException.Kind.VALIDATION, "page: " + message,
                            List.of(new Problem.FieldError("page", message, (long) ResultWindow.MAX_RESULTS,
                                    ResultWindow.reach(page, limit))));
                });
    }

    static int limit(String value) {
        int limit = intParam("limit", value, 20);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /**
     * The cursor of a keyset walk, or null. It holds its sort, so a {@code page} beside it is an
     * error, and so is a {@code sort} other than the cursor's.
     */
    static PostCursor cursor(String value, String page, String sort) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (page != null && !page.isBlank()) {
            throw ProblemException.invalid("page", "cannot be combined with cursor");
        }
        PostCursor cursor = PostCursor.decode(value);
        if (sort != null && !sort.isBlank()
                && (sortField(sort) != cursor.field() || descending(sort) != cursor.descending())) {
            throw ProblemException.invalid("sort", "differs from the sort of the cursor; leave it out");
        }
        return cursor;
    }

    static PostStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return PostStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", e.getMessage());
        }
    }

    /** {@code publishedAt}, {@code -publishedAt} (descending), likewise {@code updatedAt} and {@code title}. */
    static PostQuery.SortField sortField(String value) {
        String name = value == null || value.isBlank() ? "publishedAt" : value.strip().replaceFirst("^[-+]", "");
        try {
            return PostQuery.SortField.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("sort", "must be publishedAt, updatedAt or title, with - for descending");
        }
    }

    static boolean descending(String value) {
        return value == null || value.isBlank() || value.strip().startsWith("-");
    }

    /** A date ({@code 2024-01-31}, read as the start of that day in UTC) or a full ISO-8601 date-time. */
    static OffsetDateTime instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1).atStartOfDay().minusNanos(1000) : day.atStartOfDay())
                        .atOffset(ZoneOffset.UTC);
            }
            return Timestamps.storable(name, OffsetDateTime.parse(value));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be a date (2024-01-31) or an ISO-8601 date-time");
        }
    }

    /** A filter value; PostgreSQL text cannot hold U+0000, so a NUL is refused here rather than by the database. */
    static String text(String name, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw ProblemException.invalid(name, "must not contain the NUL character (U+0000)");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int intParam(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number");
        }
    }
}
