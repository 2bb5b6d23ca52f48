package io.cms.common.rest;

import java.util.List;

/** A failure the client can act on, answered as a problem document with {@code urn:cms:problem:<kind>}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String kind;
    private final List<Problem.FieldError> errors;
    private Integer retryAfterSeconds;

    public ProblemException(int status, String kind, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation", field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
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
