package io.cms.post.preview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.cms.post.TestDatabase;
import io.cms.post.TestPosts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Preview links in post-service: made, listed, revoked, expired, and what render-service is told a
 * token opens. The page itself, through render-service, is tested on the whole stack (deploy/e2e).
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class PreviewLinksIT {

    private static final String URL = "http://localhost:8082/api/preview/[A-Za-z0-9_-]{43}";

    @Test
    void aLinkOpensItsPostAsItIsNow() {
        String id = TestPosts.create(TestPosts.body(TestPosts.unique("Previewed"), "status", "draft"));
        Response made = link(id, Map.of());
        made.then().statusCode(201).header("Cache-Control", "private, no-store").body("url", matchesPattern(URL))
                .body("postId", equalTo(id));
        OffsetDateTime expires = OffsetDateTime.parse(made.path("expiresAt"));
        assertTrue(Duration.between(OffsetDateTime.now(), expires).minus(Duration.ofDays(7)).abs().toMinutes() < 2,
                "P7D unless asked: " + expires);
        String token = token(made);

        open(token).then().statusCode(200).body("postId", equalTo(id)).body("status", equalTo("draft"))
                .body("version", equalTo(1));
        bootstrap().body(Map.of("title", "Previewed, again", "markdown", "New words."))
                .put("/api/posts/" + id).then().statusCode(200);
        open(token).then().statusCode(200).body("title", equalTo("Previewed, again")).body("markdown", equalTo("New words."))
                .body("version", equalTo(2));

        List<Map<String, Object>> listed = bootstrap().get("/api/posts/" + id + "/preview-links").then().statusCode(200)
                .extract().path("$");
        assertEquals(1, listed.size());
        assertEquals(made.path("id"), listed.get(0).get("id"));
        assertFalse(listed.get(0).containsKey("url"), "the URL is shown once: " + listed);
        assertFalse(listed.toString().contains(token));
    }

    @Test
    void expiredRevokedAndDeletedLinksOpenNothing() throws Exception {
        String id = TestPosts.create(TestPosts.body(TestPosts.unique("Short-lived"), "status", "draft"));
        Response expiring = link(id, Map.of("expiresIn", "PT1M"));
        sql("UPDATE preview_link SET expires_at = now() - interval '1 second' WHERE id = ?", expiring.path("id"));
        open(token(expiring)).then().statusCode(404);
        bootstrap().get("/api/posts/" + id + "/preview-links").then().statusCode(200)
                .body("id", not(hasItem((String) expiring.path("id"))));

        Response revoked = link(id, Map.of());
        open(token(revoked)).then().statusCode(200);
        String other = TestPosts.create(TestPosts.body(TestPosts.unique("Other"), "status", "draft"));
        bootstrap().delete("/api/posts/" + other + "/preview-links/" + revoked.path("id")).then().statusCode(404);
        open(token(revoked)).then().statusCode(200);
        bootstrap().delete("/api/posts/" + id + "/preview-links/" + revoked.path("id")).then().statusCode(204);
        open(token(revoked)).then().statusCode(404);
        bootstrap().delete("/api/posts/" + id + "/preview-links/" + revoked.path("id")).then().statusCode(404);

        Response deleted = link(other, Map.of());
        open(token(deleted)).then().statusCode(200).body("postId", equalTo(other));
        bootstrap().delete("/api/posts/" + other).then().statusCode(204);
        open(token(deleted)).then().statusCode(404);
        open("not-a-token").then().statusCode(404);
    }

    @Test
    void eachTokenOpensItsOwnPostOnly() {
        String a = TestPosts.create(TestPosts.body(TestPosts.unique("Post A"), "status", "draft"));
        String b = TestPosts.create(TestPosts.body(TestPosts.unique("Post B"), "status", "draft"));
        String tokenA = token(link(a, Map.of()));
        String tokenB = token(link(b, Map.of()));
        open(tokenA).then().statusCode(200).body("postId", equalTo(a));
        open(tokenB).then().statusCode(200).body("postId", equalTo(b));
        // A token is no credential anywhere else: not as a bearer, not as a key.
        given().header("Authorization", "Bearer " + tokenA).get("/api/posts/" + a).then().statusCode(403);
        given().get("/api/posts/" + a + "?key=" + tokenA).then().statusCode(400);
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAtFault() {
        String id = TestPosts.create(TestPosts.body(TestPosts.unique("Bounded"), "status", "draft"));
        for (String bad : List.of("P1M", "P1Y", "PT10S", "P400D", "-P1D", "soon", "P99999999999999D")) {
            link(id, Map.of("expiresIn", bad)).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("expiresIn"));
        }
        Response weeks = link(id, Map.of("expiresIn", "P2W"));
        weeks.then().statusCode(201);
        assertTrue(Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(weeks.path("expiresAt"))).toDays() >= 13);
        link(UUID.randomUUID().toString(), Map.of()).then().statusCode(404);
        link("not-a-post", Map.of()).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/posts/" + id + "/preview-links").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("token", "A".repeat(43))).post("/api/preview-links/open")
                .then().statusCode(401);
        String contentKey = bootstrap().body(Map.of("name", "Preview test", "kind", "content")).post("/api/keys").then()
                .statusCode(201).extract().path("key");
        given().header("Authorization", "Bearer " + contentKey).contentType(ContentType.JSON).body(Map.of())
                .post("/api/posts/" + id + "/preview-links").then().statusCode(403);
    }

    @Test
    void makingAndRevokingAreAudited() {
        String id = TestPosts.create(TestPosts.body(TestPosts.unique("Audited preview"), "status", "draft"));
        Response made = link(id, Map.of());
        bootstrap().delete("/api/posts/" + id + "/preview-links/" + made.path("id")).then().statusCode(204);
        for (String action : List.of("preview-link.created", "preview-link.revoked")) {
            List<String> targets = bootstrap().get("/api/audit?action=" + action + "&limit=100").then().statusCode(200)
                    .extract().path("items.target");
            assertTrue(targets.contains("post:" + id), action + ": " + targets);
        }
    }

    private static Response link(String postId, Map<String, Object> body) {
        return bootstrap().body(body).post("/api/posts/" + postId + "/preview-links");
    }

    private static Response open(String token) {
        return bootstrap().body(Map.of("token", token)).post("/api/preview-links/open");
    }

    private static String token(Response made) {
        String url = made.then().statusCode(201).extract().path("url");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static RequestSpecification bootstrap() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    private static void sql(String statement, String id) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(statement)) {
            s.setObject(1, UUID.fromString(id));
            assertEquals(1, s.executeUpdate());
        }
    }
}
