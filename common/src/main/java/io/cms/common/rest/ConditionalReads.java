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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every read is conditional, including reads added later: a successful {@code GET} that set no
 * {@code ETag} of its own gets a strong one from its entity's bytes, and {@code 304} when
 * {@code If-None-Match} names it, and text over 1 KiB is gzip-coded for a client that takes it
 * (with the gzip variant's own tag and {@code Vary: Accept-Encoding}). An answer to a request with
 * credentials that set no {@code Cache-Control} gets {@code private, no-store}. The hot reads tag and
 * compress their bytes themselves ({@link ConditionalResponse}); this covers the rest (lists of
 * revisions, deliveries, suggestions, statuses) at the price of serialising their entity once more.
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
        boolean text = isText(response.getMediaType());
        boolean gzip = text && ConditionalResponse.acceptsGzip(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
        Representation r = Representation.once(bytes, null, gzip);
        if (text && bytes.length >= Representation.GZIP_MIN_BYTES) {
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        boolean coded = gzip && r.gzipped() != null;
        response.getHeaders().putSingle(HttpHeaders.ETAG, coded ? r.gzipEtag() : r.etag());
        if (ConditionalResponse.matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), r)) {
            response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
            response.setEntity(null);
        } else if (coded) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_ENCODING, ConditionalResponse.GZIP);
            response.setEntity(r.gzipped(), null, response.getMediaType());
        }
    }

    /** JSON, problem details, HTML and other text: what gzip shrinks (not zips, images, streams). */
    private static boolean isText(MediaType type) {
        if (type == null) {
            return false;
        }
        String subtype = type.getSubtype();
        return type.getType().equals("text") || subtype.equals("json") || subtype.endsWith("+json")
                || subtype.equals("xml") || subtype.endsWith("+xml") || subtype.equals("javascript");
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
