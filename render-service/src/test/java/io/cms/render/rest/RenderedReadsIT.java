package io.cms.render.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.common.messaging.PostChangedEvent;
import io.cms.render.InfraResource;
import io.cms.render.markdown.RenderResult;
import io.cms.render.messaging.Channels;
import io.cms.render.messaging.PostEvents;
import io.cms.render.service.RenderStore;
import io.cms.testkit.ContractEvents;
import io.cms.testkit.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Reads of rendered posts as a frontend and a CDN make them, through the real broker and database:
 * conditional requests, gzip, and the in-memory views an event replaces.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class RenderedReadsIT {

    private static final String BODY = "# 長い記事\n\n" + "半導体の輸出規制について、段落を重ねて書いています。\n\n".repeat(200);

    @TestHTTPResource("/")
    URI base;
    @Inject
    RenderStore store;

    private HttpResponse<byte[]> get(String path, String... headers) {
        return new RawHttp(base).get(path, headers);
    }

    private HttpResponse<byte[]> awaitHtml(String slug, String contains) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/rendered/" + slug + "/html"), r -> r.statusCode() == 200 && RawHttp.text(r).contains(contains));
    }

    @Test
    void conditionalAndCompressedReadsAndAnEventReplacesTheView() throws Exception {
        UUID id = UUID.randomUUID();
        String slug = "reads-" + id;
        try (PostEvents events = new PostEvents()) {
            events.send("cms.post.published", id, slug, 1, "published", BODY + "\n\n初版。");
            HttpResponse<byte[]> first = awaitHtml(slug, "初版。");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), "a strong tag from the bytes: " + etag);
            assertTrue(first.headers().firstValue("Cache-Control").orElseThrow().startsWith("public, max-age="));
            assertTrue(first.headers().allValues("Vary").toString().contains("Accept-Encoding"));
            assertNotEquals("gzip", first.headers().firstValue("Content-Encoding").orElse(""), "not asked for");

            HttpResponse<byte[]> notModified = get("/api/rendered/" + slug + "/html", "If-None-Match", etag);
            assertEquals(304, notModified.statusCode());
            assertEquals(0, notModified.body().length);
            assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
            HttpResponse<byte[]> json = get("/api/rendered/" + slug, "If-None-Match", etag);
            assertEquals(200, json.statusCode(), "JSON and HTML are different bytes with different tags");
            assertNotEquals(etag, json.headers().firstValue("ETag").orElseThrow());
            assertEquals(304, get("/api/rendered/" + id, "If-None-Match",
                    json.headers().firstValue("ETag").orElseThrow()).statusCode(), "by id or by slug: the same view");

            HttpResponse<byte[]> gzip = get("/api/rendered/" + slug + "/html", "Accept-Encoding", "br, gzip");
            assertEquals(List.of("gzip"), gzip.headers().allValues("Content-Encoding"));
            assertTrue(gzip.body().length < first.body().length / 4, gzip.body().length + " of " + first.body().length);
            assertEquals(new String(first.body(), StandardCharsets.UTF_8), RawHttp.text(gzip));
            String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();
            assertNotEquals(etag, gzipTag);
            assertEquals(304, get("/api/rendered/" + slug + "/html", "Accept-Encoding", "gzip", "If-None-Match", gzipTag)
                    .statusCode());
            assertNotEquals("gzip", get("/api/rendered/" + slug + "/html", "Accept-Encoding", "gzip;q=0")
                    .headers().firstValue("Content-Encoding").orElse(""), "refused");

            events.send("cms.post.updated", id, slug, 2, "published", BODY + "\n\n第二版。");
            HttpResponse<byte[]> second = awaitHtml(slug, "第二版。");
            assertTrue(!RawHttp.text(second).contains("初版。"));
            assertEquals(200, get("/api/rendered/" + slug + "/html", "If-None-Match", etag).statusCode(),
                    "the old tag no longer matches");

            events.send("cms.post.unpublished", id, slug, 3, null, null);
            await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/rendered/" + slug + "/html").statusCode() == 404);
            assertEquals(404, get("/api/rendered/" + id).statusCode());
        }
    }

    /**
     * Another replica stores version 2 (straight into the shared database: this replica's memory knows
     * nothing of it); this replica keeps serving version 1 from memory until the announcement on
     * cms.rendered reaches it.
     */
    @Test
    void aRenderStoredByAnotherReplicaIsServedOnceItsAnnouncementArrives() throws Exception {
        UUID id = UUID.randomUUID();
        String slug = "replica-" + id;
        try (PostEvents events = new PostEvents(); ContractEvents raw = new ContractEvents()) {
            double evictions = evictions();
            events.send("cms.post.published", id, slug, 1, "published", "first text");
            // Stored here (one eviction), then its announcement read back from cms.rendered (another).
            await().atMost(Duration.ofSeconds(20)).until(() -> evictions() >= evictions + 2);
            awaitHtml(slug, "first text");
            OffsetDateTime now = OffsetDateTime.now();
            store.save(new PostChangedEvent(id, slug, "t", "second", null, null, List.of(), List.of(), "en", "post",
                    "published", now, now, now, 2, Map.of(), false, List.of("markdown"), null, null),
                    new RenderResult("<p>second text</p>", List.of(), null, 1, 2, 0, 11, List.of()), false);
            for (int i = 0; i < 5; i++) {
                assertTrue(RawHttp.text(get("/api/rendered/" + slug + "/html")).contains("first text"), "served from memory");
            }
            raw.send(Channels.RENDERED_TOPIC, id.toString(), ContractEvents.headers(Map.of("ce_type", Channels.RENDERED_TYPE)),
                    ("{\"id\":\"" + id + "\",\"slug\":\"" + slug + "\",\"version\":2}").getBytes(StandardCharsets.UTF_8));
            awaitHtml(slug, "second text");
        }
    }

    @Test
    void repeatedReadsAreServedFromMemory() throws Exception {
        UUID id = UUID.randomUUID();
        String slug = "memory-" + id;
        double evictions = evictions();
        try (PostEvents events = new PostEvents()) {
            events.send("cms.post.published", id, slug, 1, "published", "served **from memory**");
            // Evicted when stored and again when its announcement comes back: only then does the view stay.
            await().atMost(Duration.ofSeconds(20)).until(() -> evictions() >= evictions + 2);
            awaitHtml(slug, "from memory");
        }
        double hitsBefore = hits();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get("/api/rendered/" + slug + "/html").statusCode());
        }
        assertTrue(hits() - hitsBefore >= 20, "20 reads, " + (hits() - hitsBefore) + " hits");
    }

    private double evictions() {
        return new RawHttp(base).counter("cms_cache_evictions_total", "cache=\"rendered\"");
    }

    private double hits() {
        return new RawHttp(base).counter("cms_cache_requests_total", "cache=\"rendered\"", "result=\"hit\"");
    }
}
