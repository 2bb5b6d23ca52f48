package io.cms.render.ghost;

import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.common.rest.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Errors under {@code /ghost/} in Ghost's shape, {@code {"errors": [{message, context, type, ...}]}}:
 * the Content API's own ({@link GhostException}), and the problems the rest of the service answers
 * with before a request gets there (a revoked key, a body too large, an unknown path).
 */
public class GhostErrors {

    static final String PATH = "/ghost/";

    @ServerExceptionMapper
    public Response map(GhostException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(e.getMessage(), e.context(), e.type(), e.property()).toString()).build();
    }

    @ServerResponseFilter
    public void reshape(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith(PATH) || !(response.getEntity() instanceof Problem p)) {
            return;
        }
        String property = p.errors() == null || p.errors().isEmpty() ? null : p.errors().get(0).field();
        if (p.status() == 403 || "key".equals(property)) {
            // A key the CMS does not know, or one that is not a content key: Ghost answers 401 to both.
            response.setStatus(401);
            response.setEntity(body("Authorization failed", "Unknown Content API Key", "UnauthorizedError", null).toString(), null,
                    MediaType.APPLICATION_JSON_TYPE);
            return;
        }
        String type = switch (p.status()) {
            case 400 -> "BadRequestError";
            case 401 -> "UnauthorizedError";
            case 404 -> "NotFoundError";
            case 422 -> "ValidationError";
            case 429 -> "TooManyRequestsError";
            default -> p.status() >= 500 ? "InternalServerError" : "BadRequestError";
        };
        response.setEntity(body(p.title(), p.detail(), type, property).toString(), null, MediaType.APPLICATION_JSON_TYPE);
    }

    private static ObjectNode body(String message, String context, String type, String property) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("errors").addObject().put("message", message).put("context", context).put("type", type)
                .putNull("details").put("property", property).putNull("help").putNull("code")
                .put("id", UUID.randomUUID().toString()).putNull("ghostErrorCode");
        return body;
    }
}
