package io.cms.common.rest;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.cms.common.rest.Problem.FieldError;
import io.cms.common.rest.ProblemException.Kind;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json} responses, in every service:
 * a service adds kinds ({@link Kind}), never a second mapper. Bad input names the field at fault;
 * a database that is away is a 503 with {@code Retry-After}; nothing else is a 500.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder r = build(e.kind(), e.status(), e.getMessage(), e.errors(), uri);
        if (e.status() == 401) {
            r.header("WWW-Authenticate", "Bearer realm=\"cms\"");
        }
        if (e.retryAfterSeconds() != null) {
            r.header("Retry-After", e.retryAfterSeconds().toString());
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(fieldError(v));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        String detail = errors.isEmpty() ? "Invalid request" : errors.get(0).field() + ": " + errors.get(0).message();
        return build(Kind.VALIDATION, detail, errors, uri).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? path(m) : "body";
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            message = "is not a field of this resource";
            field = path(u);
        } else if (e instanceof JsonMappingException && !field.equals("body")) {
            message = "has the wrong type or format";
        } else {
            message = "is not valid JSON: " + e.getOriginalMessage();
        }
        return build(Kind.VALIDATION, field + ": " + message, List.of(new FieldError(field, message)), uri).build();
    }

    /** Quarkus ships its own mappers for these subtypes; ours must be at least as specific to win. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response badFormat(InvalidFormatException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        if (status == 400) {
            // The framework could not read the body (it wraps the parser's failure).
            String message = "could not be read as JSON";
            return build(Kind.VALIDATION, "body: " + message, List.of(new FieldError("body", message)), uri).build();
        }
        Kind kind = switch (status) {
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 413 -> Kind.PAYLOAD_TOO_LARGE;
            case 415 -> Kind.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        return build(kind, status, e.getMessage(), List.of(), uri).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (hasSqlState(e, "23505")) {
            return build(Kind.CONFLICT, "Another change took the same unique value (e.g. the slug) at the same time",
                    List.of(), uri).build();
        }
        if (hasSqlState(e, "22021") || hasSqlState(e, "22P05")) {
            // character_not_in_repertoire, untranslatable_character: a U+0000 in some text value.
            String message = "contains a character PostgreSQL text cannot hold (U+0000, NUL); nothing was changed";
            return build(Kind.VALIDATION, "body: " + message, List.of(new FieldError("body", message)), uri).build();
        }
        if (isDatabaseDown(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return build(Kind.UNAVAILABLE, "The database is not reachable; nothing was changed. Try again shortly.",
                    List.of(), uri).header("Retry-After", "5").build();
        }
        LOG.error("Unexpected failure", e);
        return build(null, 500, "An unexpected error occurred", List.of(), uri).build();
    }

    /** A size violation also names the limit and the actual size (characters, or entries of a list or map). */
    static FieldError fieldError(ConstraintViolation<?> v) {
        String field = fieldName(v.getPropertyPath().toString());
        if (v.getConstraintDescriptor().getAnnotation() instanceof Size size) {
            Object value = v.getInvalidValue();
            Long actual = value instanceof CharSequence cs ? Long.valueOf(cs.length())
                    : value instanceof java.util.Collection<?> c ? Long.valueOf(c.size())
                    : value instanceof java.util.Map<?, ?> m ? Long.valueOf(m.size()) : null;
            if (actual != null && actual > size.max()) {
                return new FieldError(field, v.getMessage() + " (it has " + actual + ")", (long) size.max(), actual);
            }
        }
        return new FieldError(field, v.getMessage());
    }

    /** {@code create.input.tags[2].<list element>} becomes {@code tags[2]}. */
    static String fieldName(String propertyPath) {
        String p = propertyPath.replace(".<list element>", "").replace(".<map value>", "");
        int methodArgs = p.indexOf(".input.");
        if (methodArgs >= 0) {
            p = p.substring(methodArgs + ".input.".length());
        }
        return p;
    }

    private static boolean hasSqlState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && state.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A lost or refused connection (SQL state class 08), or no connection from the pool in time. */
    private static boolean isDatabaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    private static Response.ResponseBuilder build(Kind kind, String detail, List<FieldError> errors, UriInfo uri) {
        return build(kind, kind.status, detail, errors, uri);
    }

    /** A status without a kind of ours is {@code about:blank} with the status' reason phrase (RFC 9457 §4.2.1). */
    private static Response.ResponseBuilder build(Kind kind, int status, String detail, List<FieldError> errors,
            UriInfo uri) {
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title = kind != null ? kind.title : known != null ? known.getReasonPhrase() : "Error";
        Problem p = new Problem(kind != null ? kind.type() : "about:blank", title, status, detail, uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }
}
