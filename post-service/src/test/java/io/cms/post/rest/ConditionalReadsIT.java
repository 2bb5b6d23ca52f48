package io.cms.post.rest;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import io.cms.post.InfraResource;
import io.cms.testkit.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Every read answers If-None-Match, the ones that tag their own bytes and the rest alike. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class ConditionalReadsIT {

    private static final String ADMIN = "Bearer " + InfraResource.ADMIN_TOKEN;

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyReadIsTaggedAndAnswers304() {
        String id = create(body(unique("Conditional"), "status", "published"));
        admin().contentType(ContentType.JSON).body(body(unique("Conditional v2"))).put("/api/posts/" + id).then().statusCode(200);
        RawHttp http = new RawHttp(base);
        for (String path : List.of("/api/posts/" + id, "/api/posts?limit=5", "/api/posts/" + id + "/export")) {
            conditional(http, path, false);
        }
        for (String path : List.of("/api/posts/" + id + "/revisions", "/api/posts/" + id + "/revisions/1",
                "/api/webhooks", "/api/outbox/parked", "/api/posts?status=draft")) {
            HttpResponse<byte[]> answer = conditional(http, path, true);
            assertEquals("private, no-store", answer.headers().firstValue("Cache-Control").orElseThrow(), path);
        }
    }

    @Test
    void aTagFollowsTheBytes() {
        String id = create(body(unique("Tag follows"), "status", "published"));
        RawHttp http = new RawHttp(base);
        String before = http.get("/api/posts/" + id + "/export").headers().firstValue("ETag").orElseThrow();
        admin().contentType(ContentType.JSON).body(body(unique("Tag follows v2"), "status", "published"))
                .put("/api/posts/" + id).then().statusCode(200);
        HttpResponse<byte[]> after = http.get("/api/posts/" + id + "/export", "If-None-Match", before);
        assertEquals(200, after.statusCode());
        assertNotEquals(before, after.headers().firstValue("ETag").orElseThrow());
        String v1 = http.get("/api/posts/" + id + "/revisions/1", "Authorization", ADMIN).headers().firstValue("ETag").orElseThrow();
        String v2 = http.get("/api/posts/" + id + "/revisions/2", "Authorization", ADMIN).headers().firstValue("ETag").orElseThrow();
        assertNotEquals(v1, v2, "two versions, two tags");
    }

    /** A read without bytes of its own (a revision) is gzip-coded for a client that takes it. */
    @Test
    void textOverAKibibyteIsGzipCodedWhenAccepted() throws Exception {
        String id = create(body(unique("Gzip"), "status", "published", "markdown", "本文の段落です。".repeat(400)));
        RawHttp http = new RawHttp(base);
        String path = "/api/posts/" + id + "/revisions/1";
        HttpResponse<byte[]> plain = http.get(path, "Authorization", ADMIN);
        HttpResponse<byte[]> coded = http.get(path, "Authorization", ADMIN, "Accept-Encoding", "gzip");
        assertEquals("gzip", coded.headers().firstValue("Content-Encoding").orElseThrow());
        assertTrue(coded.headers().allValues("Vary").toString().contains("Accept-Encoding"), coded.headers().toString());
        assertTrue(coded.body().length < plain.body().length / 4, coded.body().length + " of " + plain.body().length);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(coded.body()))) {
            assertEquals(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        String codedTag = coded.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(plain.headers().firstValue("ETag").orElseThrow(), codedTag, "each coding its own strong tag");
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals(304, http.get(path, "Authorization", ADMIN, "Accept-Encoding", "gzip", "If-None-Match", codedTag).statusCode());
    }

    private static HttpResponse<byte[]> conditional(RawHttp http, String path, boolean withToken) {
        HttpResponse<byte[]> first = withToken ? http.get(path, "Authorization", ADMIN) : http.get(path);
        assertEquals(200, first.statusCode(), path);
        String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + path));
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), path + " strong: " + etag);
        HttpResponse<byte[]> again = withToken ? http.get(path, "Authorization", ADMIN, "If-None-Match", etag)
                : http.get(path, "If-None-Match", etag);
        assertEquals(304, again.statusCode(), path);
        assertEquals(0, again.body().length, path);
        return first;
    }
}
