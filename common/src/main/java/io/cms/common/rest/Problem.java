package io.cms.common.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem document; {@code errors} lists the fields at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A field (or query parameter) at fault; a size or window limit also says the limit and the actual value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Long limit, Long actual) {
        public FieldError(String field, String message) {
            this(field, message, null, null);
        }
    }
}
