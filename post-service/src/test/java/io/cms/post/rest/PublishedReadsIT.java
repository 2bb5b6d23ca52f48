package io.cms.post.rest;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.post.InfraResource;
import io.cms.testkit.ContractEvents;
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

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "段落を重ねて書いた長い本文です。\n\n".repeat(100);

    @TestHTTPResource("/")
    URI base;
    @Inject
    DataSource dataSource;

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        byte[] body = r.body();
        if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
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
        String id = create(body(unique("Replica"), "status", "published", "slug", slug, "markdown", "first"));
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
        String id = create(body(unique("Memory"), "status", "published"));
        get("/api/posts/" + id);
        double before = hits();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get("/api/posts/" + id).statusCode());
        }
        assertTrue(hits() - before >= 20, (hits() - before) + " hits of 20 reads");
    }

    private double hits() throws IOException, InterruptedException {
        String metrics = new String(get("/q/metrics").body(), StandardCharsets.UTF_8);
        return metrics.lines().filter(l -> l.startsWith("cms_cache_requests_total{") && l.contains("cache=\"posts\"")
                && l.contains("result=\"hit\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
