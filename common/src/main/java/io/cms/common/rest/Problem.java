package io.cms.common.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/** An RFC 9457 problem document; {@code errors} lists the fields at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * Answers with a problem from a Vert.x filter, which runs before JAX-RS (and its
     * {@link ProblemMapper}) would see the request.
     */
    public static void send(RoutingContext rc, ProblemException.Kind kind, String detail, List<FieldError> errors,
            Map<String, String> headers) {
        Problem p = new Problem(kind.type(), kind.title, kind.status, detail, rc.normalizedPath(), errors);
        HttpServerResponse response = rc.response().setStatusCode(kind.status).putHeader("Content-Type", MEDIA_TYPE);
        headers.forEach(response::putHeader);
        response.end(Json.encode(p));
    }

    /** A field (or query parameter) at fault; a size or window limit also says the limit and the actual value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Long limit, Long actual) {
        public FieldError(String field, String message) {
            this(field, message, null, null);
        }
    }
}
