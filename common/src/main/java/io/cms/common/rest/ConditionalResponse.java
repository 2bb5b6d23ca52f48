package io.cms.common.rest;

import java.util.Locale;

import io.cms.common.cache.Representation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The one way a read answers with a {@link Representation}: {@code 304} when {@code If-None-Match}
 * names what would be sent (either coding's tag, weak comparison as RFC 9110 asks for this header),
 * else the bytes, gzip-coded when the client accepts gzip and a variant exists. Every answer carries
 * its {@code ETag}, the caller's {@code Cache-Control} and {@code Vary: Accept-Encoding} (plus what
 * the caller adds: an answer that depends on credentials varies on {@code Authorization}).
 */
public final class ConditionalResponse {

    public static final String GZIP = "gzip";
    /** What a draft, or any answer to credentials, may be kept as: nowhere. */
    public static final String PRIVATE = "private, no-store";

    private ConditionalResponse() {
    }

    public static Response.ResponseBuilder of(Representation r, String ifNoneMatch, String acceptEncoding,
            String cacheControl) {
        boolean gzip = r.gzipped() != null && acceptsGzip(acceptEncoding);
        String etag = gzip ? r.gzipEtag() : r.etag();
        Response.ResponseBuilder b;
        if (matches(ifNoneMatch, r)) {
            b = Response.notModified();
        } else {
            b = Response.ok(gzip ? r.gzipped() : r.body(), r.type());
            if (gzip) {
                b.header(HttpHeaders.CONTENT_ENCODING, GZIP);
            }
        }
        return b.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }

    /** {@code If-None-Match}: {@code *}, or a list of tags one of which is this representation's. */
    static boolean matches(String ifNoneMatch, Representation r) {
        return matches(ifNoneMatch, r.etag(), r.gzipEtag());
    }

    /**
     * {@code If-None-Match}: {@code *}, or a list of tags one of which is one of {@code current}
     * (quoted); weak comparison, as RFC 9110 asks for this header.
     */
    public static boolean matches(String ifNoneMatch, String... current) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            for (String c : current) {
                if (t.equals(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code Accept-Encoding} names gzip (or {@code *}) with a weight above zero. */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean star = false;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.split(";");
            String coding = p[0].strip().toLowerCase(Locale.ROOT);
            boolean refused = p.length > 1 && refused(p[1]);
            if (coding.equals(GZIP) || coding.equals("x-gzip")) {
                return !refused;
            }
            if (coding.equals("*")) {
                star = !refused;
            }
        }
        return star;
    }

    private static boolean refused(String parameter) {
        String q = parameter.strip().toLowerCase(Locale.ROOT);
        if (!q.startsWith("q=")) {
            return false;
        }
        try {
            return Double.parseDouble(q.substring(2).strip()) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
