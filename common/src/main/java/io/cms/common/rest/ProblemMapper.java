package io.cms.common.rest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become {@code application/problem+json} responses. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder r = build(e.status(), e.kind(), e.getMessage(), e.errors(), uri);
        if (e.status() == 401) {
            r.header("WWW-Authenticate", "Bearer realm=\"cms\"");
        }
        if (e.retryAfterSeconds() != null) {
            r.header("Retry-After", e.retryAfterSeconds().toString());
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return build(400, "validation", "body: is not valid JSON", List.of(new Problem.FieldError("body", "is not valid JSON")), uri).build();
    }

    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400) {
            return build(400, "validation", "body: could not be read", List.of(new Problem.FieldError("body", "could not be read")), uri).build();
        }
        String kind = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        return build(status, kind, e.getMessage(), List.of(), uri).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isDatabaseDown(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return build(503, "unavailable", "The database is not reachable. Try again shortly.", List.of(), uri)
                    .header("Retry-After", "5").build();
        }
        LOG.error("Unexpected failure", e);
        return build(500, "internal", "An unexpected error occurred", List.of(), uri).build();
    }

    /** A lost or refused connection (SQL state class 08), or no connection from the pool in time. */
    private static boolean isDatabaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || (t instanceof java.sql.SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private static Response.ResponseBuilder build(int status, String kind, String detail, List<Problem.FieldError> errors,
            UriInfo uri) {
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:cms:problem:" + kind, title, status, detail, uri.getPath(), errors));
    }
}
