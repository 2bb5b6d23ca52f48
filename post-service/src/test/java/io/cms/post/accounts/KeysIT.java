package io.cms.post.accounts;

import static io.cms.post.TestPosts.signIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** API keys: content keys read published content only, admin keys act as an admin, revoked keys stop at once. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class KeysIT {

    @Test
    void aContentKeyReadsPublishedContentOnly() {
        String key = make("content").get("key");
        given().get("/api/keys").then().statusCode(401);
        String published = post("published");
        String draft = post("draft");

        as(key).get("/api/posts/" + published).then().statusCode(200).header("Cache-Control", "private, no-store");
        given().get("/api/posts/" + published + "?key=" + key).then().statusCode(200);
        given().get("/api/posts?key=" + key).then().statusCode(200);
        as(key).get("/api/posts/" + draft).then().statusCode(404);
        as(key).get("/api/posts?status=draft").then().statusCode(403);
        as(key).body(Map.of("title", "By a key", "markdown", "No.")).post("/api/posts").then().statusCode(403);
        as(key).post("/api/posts/" + draft + "/publish").then().statusCode(403);
        as(key).get("/api/webhooks").then().statusCode(403);
        as(key).get("/api/keys").then().statusCode(403);
    }

    @Test
    void anAdminKeyActsAsAnAdminButNeverInAUrl() {
        String key = make("admin").get("key");
        as(key).get("/api/webhooks").then().statusCode(200);
        as(key).body(Map.of("title", "By an integration", "markdown", "Yes.", "status", "published")).post("/api/posts")
                .then().statusCode(201);
        given().get("/api/posts?key=" + key).then().statusCode(400).body("errors[0].field", equalTo("key"));
        given().get("/api/posts?key=0123456789abcdef0123456789").then().statusCode(403);
        given().get("/api/posts?key=not-a-key").then().statusCode(400);
    }

    @Test
    void keysAreListedWithoutTheirSecretAndRevokedAtOnce() {
        Map<String, String> made = make("content");
        String key = made.get("key");
        List<Map<String, Object>> listed = bootstrap().get("/api/keys").then().statusCode(200).extract().path("$");
        Map<String, Object> mine = listed.stream().filter(k -> made.get("id").equals(k.get("id"))).findFirst().orElseThrow();
        assertFalse(mine.containsKey("key"), "never the secret: " + mine);
        assertTrue(mine.containsKey("createdAt") && "content".equals(mine.get("kind")));

        bootstrap().delete("/api/keys/" + made.get("id")).then().statusCode(204);
        given().get("/api/posts?key=" + key).then().statusCode(403);
        as(key).get("/api/posts").then().statusCode(403);
        bootstrap().delete("/api/keys/" + made.get("id")).then().statusCode(404);
    }

    @Test
    void theListSaysWhenAKeyWasLastUsed() {
        Map<String, String> made = make("content");
        assertEquals(null, lastUsed(made.get("id")), "never used yet");
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        given().get("/api/posts?key=" + made.get("key")).then().statusCode(200);
        String used = await().atMost(java.time.Duration.ofSeconds(10)).until(() -> lastUsed(made.get("id")), java.util.Objects::nonNull);
        assertTrue(!java.time.OffsetDateTime.parse(used).toInstant().isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                used);
        // What another service reports lands in the same column, and never moves it back.
        bootstrap().body(Map.of("uses", Map.of(made.get("id"), 1_000_000_000L))).post("/api/keys/used").then().statusCode(200);
        assertEquals(used, lastUsed(made.get("id")));
        as(made.get("key")).body(Map.of("uses", Map.of())).post("/api/keys/used").then().statusCode(403);
    }

    private static String lastUsed(String id) {
        List<Map<String, Object>> listed = bootstrap().get("/api/keys").then().statusCode(200).extract().path("$");
        return (String) listed.stream().filter(k -> id.equals(k.get("id"))).findFirst().orElseThrow().get("lastUsedAt");
    }

    @Test
    void onlyOwnersAndAdminsManageKeys() {
        String email = "keys-editor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        bootstrap().body(Map.of("email", email, "name", "Keys editor", "role", "editor", "password", "correct horse battery staple"))
                .post("/api/users").then().statusCode(201);
        String editor = signIn(email, "correct horse battery staple");
        as(editor).body(Map.of("name", "Nope", "kind", "content")).post("/api/keys").then().statusCode(403);
        bootstrap().body(Map.of("name", "Bad", "kind", "superuser")).post("/api/keys").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        bootstrap().body(Map.of("kind", "content")).post("/api/keys").then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    private static Map<String, String> make(String kind) {
        return bootstrap().body(Map.of("name", "Test " + kind + " key", "kind", kind)).post("/api/keys").then().statusCode(201)
                .body("kind", equalTo(kind)).body("key", matchesPattern(kind.equals("content") ? "[0-9a-f]{26}" : "[0-9a-f]{64}"))
                .body("$", not(hasKey("hash"))).extract().path("$");
    }

    private static String post(String status) {
        return bootstrap().body(Map.of("title", "Keyed " + UUID.randomUUID(), "markdown", "Text.", "status", status))
                .post("/api/posts").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification bootstrap() {
        return as(InfraResource.ADMIN_TOKEN);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }
}
