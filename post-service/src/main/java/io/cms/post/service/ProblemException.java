package io.cms.post.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A failure the client can act on. The REST layer turns it into {@code application/problem+json}
 * with {@link Kind#type()} as the stable problem type.
 */
public class ProblemException extends RuntimeException {

    /** One kind per distinct client action, each with its HTTP status. */
    public enum Kind {
        VALIDATION(400, "validation", "The request is not valid"),
        UNAUTHORIZED(401, "unauthorized", "Authentication required"),
        FORBIDDEN(403, "forbidden", "Not allowed"),
        NOT_FOUND(404, "not-found", "Not found"),
        CONFLICT(409, "conflict", "Conflict"),
        PRECONDITION_FAILED(412, "precondition-failed", "The resource has changed"),
        PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
        UNAVAILABLE(503, "unavailable", "Service temporarily unavailable");

        public final int status;
        public final String slug;
        public final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        public String type() {
            return "urn:cms:problem:" + slug;
        }
    }

    /**
     * A field at fault: a JSON property path such as {@code tags[2]}, or a front-matter key. A size
     * limit also says the limit and the actual size, in the unit the message names.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Long limit, Long actual) {
        public FieldError(String field, String message) {
            this(field, message, null, null);
        }
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public ProblemException(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    public ProblemException(Kind kind, String detail, List<FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Kind.VALIDATION, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Kind.NOT_FOUND, what + " does not exist");
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
