package io.cms.post.rest;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.post.InfraResource;
import io.cms.testkit.ContractEvents;
import io.cms.testkit.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Reads of single posts as frontends, CDNs and writers make them: published posts from memory with
 * conditional and compressed answers, drafts never public, and a write seen by the next read.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class PublishedReadsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "段落を重ねて書いた長い本文です。\n\n".repeat(100);

    @TestHTTPResource("/")
    URI base;
    @Inject
    DataSource dataSource;

    private HttpResponse<byte[]> get(String path, String... headers) {
        return new RawHttp(base).get(path, headers);
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(RawHttp.text(r));
    }

    @Test
    void aPublishedPostIsConditionalCompressedAndPublic() throws Exception {
        String id = create(body(unique("Gzip"), "status", "published", "markdown", LONG));
        HttpResponse<byte[]> plain = get("/api/posts/" + id);
        assertEquals(200, plain.statusCode());
        assertEquals("\"1\"", plain.headers().firstValue("ETag").orElseThrow());
        assertTrue(plain.headers().firstValue("Cache-Control").orElseThrow().startsWith("public, max-age="));
        String vary = String.join(",", plain.headers().allValues("Vary"));
        assertTrue(vary.contains("Accept-Encoding") && vary.contains("Authorization"), vary);

        HttpResponse<byte[]> gzip = get("/api/posts/" + id, "Accept-Encoding", "gzip");
        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("\"1-gz\"", gzip.headers().firstValue("ETag").orElseThrow());
        assertTrue(gzip.body().length < plain.body().length / 4, gzip.body().length + " of " + plain.body().length);
        assertEquals(json(plain), json(gzip));
        assertEquals(304, get("/api/posts/" + id, "Accept-Encoding", "gzip", "If-None-Match", "\"1-gz\"").statusCode());
        assertEquals(304, get("/api/posts/" + id, "If-None-Match", "W/\"1\"").statusCode());

        // The gzip answer's tag is good for If-Match too.
        admin().contentType(ContentType.JSON).header("If-Match", "\"1-gz\"").body(body("Gzip v2", "markdown", LONG))
                .put("/api/posts/" + id).then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void theNextAnonymousReadAfterAWriteShowsIt() throws Exception {
        String slug = "fresh-" + System.nanoTime();
        String id = create(body(unique("Fresh"), "status", "published", "slug", slug, "markdown", "first"));
        for (int i = 0; i < 3; i++) {
            assertEquals("first", json(get("/api/posts/" + slug)).get("markdown").asText()); // now in memory
        }
        admin().contentType(ContentType.JSON).body(body("Fresh v2", "slug", slug, "markdown", "second"))
                .put("/api/posts/" + id).then().statusCode(200);
        JsonNode after = json(get("/api/posts/" + slug));
        assertEquals("second", after.get("markdown").asText());
        assertEquals(2, after.get("version").asInt());
        assertEquals(2, json(get("/api/posts/" + id)).get("version").asInt());

        String moved = slug + "-moved";
        admin().contentType(ContentType.JSON).body(body("Fresh v3", "slug", moved, "markdown", "third"))
                .put("/api/posts/" + id).then().statusCode(200);
        assertEquals(404, get("/api/posts/" + slug).statusCode(), "the old slug leads nowhere");
        assertEquals("third", json(get("/api/posts/" + moved)).get("markdown").asText());

        admin().post("/api/posts/" + id + "/unpublish").then().statusCode(200);
        assertEquals(404, get("/api/posts/" + moved).statusCode());
        assertEquals(404, get("/api/posts/" + id).statusCode());
    }

    @Test
    void aListIsConditionalUntilAPostInItChanges() throws Exception {
        String tag = "list-" + System.nanoTime();
        create(body(unique("Listed"), "status", "published", "tags", List.of(tag)));
        HttpResponse<byte[]> first = get("/api/posts?tag=" + tag);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
        assertTrue(first.headers().firstValue("Cache-Control").orElseThrow().startsWith("public"));
        assertEquals(304, get("/api/posts?tag=" + tag, "If-None-Match", etag).statusCode());
        HttpResponse<byte[]> gzip = get("/api/posts?tag=" + tag, "Accept-Encoding", "gzip");
        assertEquals(json(first), json(gzip));

        create(body(unique("Listed too"), "status", "published", "tags", List.of(tag)));
        HttpResponse<byte[]> second = get("/api/posts?tag=" + tag, "If-None-Match", etag);
        assertEquals(200, second.statusCode());
        assertEquals(2, json(second).get("items").size());
        HttpResponse<byte[]> mine = get("/api/posts?tag=" + tag, "Authorization", "Bearer " + InfraResource.ADMIN_TOKEN);
        assertEquals("private, no-store", mine.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void draftsAreNeverPublicNorCached() throws Exception {
        String slug = "draft-" + System.nanoTime();
        String id = create(body(unique("Draft"), "slug", slug, "markdown", "secret"));
        assertEquals(404, get("/api/posts/" + slug).statusCode());
        HttpResponse<byte[]> mine = get("/api/posts/" + slug, "Authorization", "Bearer " + InfraResource.ADMIN_TOKEN);
        assertEquals(200, mine.statusCode());
        assertEquals("private, no-store", mine.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(String.join(",", mine.headers().allValues("Vary")).contains("Authorization"));
        assertEquals(404, get("/api/posts/" + id).statusCode(), "the admin's read put nothing in the shared cache");

        admin().post("/api/posts/" + id + "/publish").then().statusCode(200);
        assertEquals("secret", json(get("/api/posts/" + slug)).get("markdown").asText());
    }

    /**
     * Another replica commits version 2 (here: straight into the shared database, which this replica's
     * memory knows nothing of); this replica keeps serving version 1 from memory until the change's
     * event on cms.posts reaches it.
     */
    @Test
    void aChangeCommittedByAnotherReplicaIsServedOnceItsEventArrives() throws Exception {
        String slug = "replica-" + System.nanoTime();
        double evictions = evictions();
        String id = create(body(unique("Replica"), "status", "published", "slug", slug, "markdown", "first"));
        // Evicted at commit, then again when its event comes back from cms.posts.
        await().atMost(Duration.ofSeconds(20)).until(() -> evictions() >= evictions + 2);
        assertEquals("first", json(get("/api/posts/" + slug)).get("markdown").asText());
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("UPDATE post SET markdown = 'second', version = 2 WHERE id = ?")) {
            st.setObject(1, UUID.fromString(id));
            assertEquals(1, st.executeUpdate());
        }
        for (int i = 0; i < 5; i++) {
            assertEquals("first", json(get("/api/posts/" + slug)).get("markdown").asText(), "served from memory");
        }
        try (ContractEvents events = new ContractEvents()) {
            events.sendPost("cms.post.updated", UUID.fromString(id), slug, 2, Map.of("markdown", "second"));
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> json(get("/api/posts/" + slug)).get("markdown").asText().equals("second"));
    }

    @Test
    void repeatedAnonymousReadsAreServedFromMemory() throws Exception {
        double evictions = evictions();
        String id = create(body(unique("Memory"), "status", "published"));
        // Evicted at commit and again when the event comes back: only then is the view there to stay.
        await().atMost(Duration.ofSeconds(20)).until(() -> evictions() >= evictions + 2);
        get("/api/posts/" + id);
        double before = hits();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get("/api/posts/" + id).statusCode());
        }
        assertTrue(hits() - before >= 20, (hits() - before) + " hits of 20 reads");
    }

    private double evictions() {
        return new RawHttp(base).counter("cms_cache_evictions_total", "cache=\"posts\"");
    }

    private double hits() {
        return new RawHttp(base).counter("cms_cache_requests_total", "cache=\"posts\"", "result=\"hit\"");
    }
}
