package io.cms.render.ghost;

/**
 * An error in Ghost's own shape ({@code {"errors": [{"message", "context", "type", ...}]}}) with
 * Ghost's types and status codes, so a Ghost client throws what it would throw against Ghost.
 */
public final class GhostException extends RuntimeException {

    private final int status;
    private final String type;
    private final String context;
    private final String property;

    GhostException(int status, String type, String message, String context, String property) {
        super(message);
        this.status = status;
        this.type = type;
        this.context = context;
        this.property = property;
    }

    /** A parameter that cannot be read (a filter Ghost would refuse too): 400. */
    public static GhostException badRequest(String property, String what) {
        return new GhostException(400, "BadRequestError", "Bad request.", property + ": " + what, property);
    }

    /** A parameter out of its range or set: 422, as Ghost's validation. */
    public static GhostException validation(String property, String what) {
        return new GhostException(422, "ValidationError", "Validation error, cannot read " + property + ".",
                property + ": " + what, property);
    }

    public static GhostException notFound(String resource) {
        return new GhostException(404, "NotFoundError", "Resource not found error, cannot read " + resource + ".",
                resource + " not found.", null);
    }

    public static GhostException unauthorized(String why) {
        return new GhostException(401, "UnauthorizedError", "Authorization failed", why, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String context() {
        return context;
    }

    public String property() {
        return property;
    }
}
