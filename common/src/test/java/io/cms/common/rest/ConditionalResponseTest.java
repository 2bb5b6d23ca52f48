package io.cms.common.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import io.cms.common.cache.Representation;
import org.junit.jupiter.api.Test;

class ConditionalResponseTest {

    private static final byte[] LARGE = "<p>本文です。</p>\n".repeat(400).getBytes(StandardCharsets.UTF_8);
    private final Representation page = Representation.of(LARGE, "text/html; charset=utf-8");

    @Test
    void theTagIsStrongAndFollowsTheBytes() {
        assertTrue(page.etag().matches("\"[A-Za-z0-9_-]{22}\""), page.etag());
        assertEquals(page.etag(), Representation.of(LARGE.clone(), "text/html").etag());
        byte[] changed = LARGE.clone();
        changed[changed.length - 2] = 'x';
        assertNotEquals(page.etag(), Representation.of(changed, "text/html").etag());
        assertEquals(page.etag().replace("\"", "") + "-gz", page.gzipEtag().replace("\"", ""));
    }

    @Test
    void theGzipVariantHoldsTheSameBytesAndOnlyLargeBodiesGetOne() throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(page.gzipped()))) {
            assertArrayEquals(LARGE, in.readAllBytes());
        }
        assertTrue(page.gzipped().length < LARGE.length / 5);
        assertNull(Representation.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json").gzipped());
    }

    @Test
    void ifNoneMatchMatchesEitherCodingsTagWeakOrStrongInAListOrStar() {
        assertTrue(ConditionalResponse.matches(page.etag(), page));
        assertTrue(ConditionalResponse.matches("W/" + page.etag(), page));
        assertTrue(ConditionalResponse.matches("\"other\", " + page.gzipEtag(), page));
        assertTrue(ConditionalResponse.matches("*", page));
        assertFalse(ConditionalResponse.matches("\"other\"", page));
        assertFalse(ConditionalResponse.matches(page.etag().replace("\"", ""), page));
        assertFalse(ConditionalResponse.matches(null, page));
        assertFalse(ConditionalResponse.matches("", page));
    }

    @Test
    void gzipIsNegotiatedByNameOrStarAndRefusedByAZeroWeight() {
        assertTrue(ConditionalResponse.acceptsGzip("gzip, deflate, br"));
        assertTrue(ConditionalResponse.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(ConditionalResponse.acceptsGzip("*"));
        assertFalse(ConditionalResponse.acceptsGzip("gzip;q=0, *"));
        assertFalse(ConditionalResponse.acceptsGzip("*;q=0"));
        assertFalse(ConditionalResponse.acceptsGzip("br, deflate"));
        assertFalse(ConditionalResponse.acceptsGzip("identity"));
        assertFalse(ConditionalResponse.acceptsGzip(null));
        assertTrue(ConditionalResponse.acceptsGzip("gzip;q=oops"), "an unreadable weight is not a refusal");
    }
}
