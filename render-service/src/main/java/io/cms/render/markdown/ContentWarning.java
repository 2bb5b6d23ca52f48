package io.cms.render.markdown;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A content problem found while rendering, e.g. {@code duplicate-paragraph},
 * {@code near-duplicate-paragraph}, {@code liquid-unresolved}. {@code positions} points at the
 * places involved: for a repeated paragraph, the earlier one first, then the repeat.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContentWarning(String type, String message, List<Position> positions) {

    /** A place in the Markdown body: 1-based line, and the 0-based paragraph index where it is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Position(int line, Integer paragraph) {
    }

    public static ContentWarning atLine(String type, String message, int line) {
        return new ContentWarning(type, message, List.of(new Position(line, null)));
    }
}
