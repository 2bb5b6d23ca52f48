package io.cms.common.rest;

import java.util.List;

/**
 * A failure the client can act on, answered by {@link ProblemMapper} as a problem document whose
 * {@code type} is {@code urn:cms:problem:<slug>}, stable per {@link Kind}.
 */
public class ProblemException extends RuntimeException {

    /** One kind per distinct client action, each with its status and title: every service's kinds, as data. */
    public enum Kind {
        VALIDATION(400, "validation", "The request is not valid"),
        UNAUTHORIZED(401, "unauthorized", "Authentication required"),
        FORBIDDEN(403, "forbidden", "Not allowed"),
        NOT_FOUND(404, "not-found", "Not found"),
        CONFLICT(409, "conflict", "Conflict"),
        PRECONDITION_FAILED(412, "precondition-failed", "The resource has changed"),
        PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
        UNRENDERABLE(422, "unrenderable", "The content cannot be rendered"),
        RATE_LIMITED(429, "rate-limited", "Too many requests"),
        TOO_MANY_WAITING(429, "too-many-waiting", "Too many requests waiting"),
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

    private final Kind kind;
    private final int status;
    private final List<Problem.FieldError> errors;
    private Integer retryAfterSeconds;

    public ProblemException(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    public ProblemException(Kind kind, String detail, List<Problem.FieldError> errors) {
        this(kind, kind.status, detail, errors);
    }

    /** A kind answered with another status than its usual one (e.g. waiting refused by the service as a whole: 503). */
    public ProblemException(Kind kind, int status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Kind.VALIDATION, field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Kind.NOT_FOUND, detail);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** Asks the client to come back after this many seconds ({@code Retry-After}); returns this. */
    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Seconds for {@code Retry-After}, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
