package io.cms.common.rest;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.cache.Representation;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every read is conditional, including reads added later: a successful {@code GET} that set no
 * {@code ETag} of its own gets a strong one from its entity's bytes, and {@code 304} when
 * {@code If-None-Match} names it. An answer to a request with credentials that set no
 * {@code Cache-Control} gets {@code private, no-store}. The hot reads tag their bytes themselves
 * ({@link ConditionalResponse}); this covers the rest (lists of revisions, deliveries, suggestions,
 * exports, statuses) at the price of serialising their entity once more to hash it.
 */
public class ConditionalReads {

    private final ObjectMapper json;

    public ConditionalReads(ObjectMapper json) {
        this.json = json;
    }

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) throws JsonProcessingException {
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (!read || response.getStatus() != 200) {
            return;
        }
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                && !response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE);
        }
        if (response.getHeaders().containsKey(HttpHeaders.ETAG) || !response.hasEntity()) {
            return;
        }
        byte[] bytes = bytes(response.getEntity());
        if (bytes == null) {
            return; // a stream: not hashed
        }
        String etag = Representation.tagOf(bytes);
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        if (ConditionalResponse.matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
            response.setEntity(null);
        }
    }

    private byte[] bytes(Object entity) throws JsonProcessingException {
        if (entity instanceof byte[] b) {
            return b;
        }
        if (entity instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (entity instanceof InputStream || entity instanceof StreamingOutput) {
            return null;
        }
        return json.writeValueAsBytes(entity);
    }
}
