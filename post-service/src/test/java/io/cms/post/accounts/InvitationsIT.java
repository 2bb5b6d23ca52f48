package io.cms.post.accounts;

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

/** Invitations: one-time links with which a person makes their own account, in the role the inviter may give. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class InvitationsIT {

    private static final String PASSWORD = "an invitation well taken";

    @Test
    void anInvitationMakesOneAccountOnce() {
        String email = unique("invited");
        Response made = invite(bootstrap(), email, "editor", null);
        made.then().statusCode(201).header("Cache-Control", "private, no-store")
                .body("url", matchesPattern("http://localhost:8081/studio/invitations/[A-Za-z0-9_-]{43}"))
                .body("role", equalTo("editor"));
        String path = path(made);
        given().get(path).then().statusCode(200).body("email", equalTo(email)).body("role", equalTo("editor"));
        accept(path, "short").then().statusCode(400).body("errors[0].field", equalTo("password"));
        accept(path, PASSWORD).then().statusCode(201).body("email", equalTo(email)).body("role", equalTo("editor"));
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD)).post("/api/session")
                .then().statusCode(200).body("user.role", equalTo("editor"));
        given().get(path).then().statusCode(404);
        accept(path, PASSWORD + " again").then().statusCode(404);
        invite(bootstrap(), email, "author", null).then().statusCode(409).body("errors[0].field", equalTo("email"));
    }

    @Test
    void whoMayInviteWhom() {
        String editor = signIn(user("editor"));
        String author = signIn(user("author"));
        invite(as(editor), unique("by-editor"), "author", null).then().statusCode(201);
        invite(as(editor), unique("by-editor"), "contributor", null).then().statusCode(201);
        invite(as(editor), unique("by-editor"), "admin", null).then().statusCode(403);
        invite(as(author), unique("by-author"), "contributor", null).then().statusCode(403);
        invite(given().contentType(ContentType.JSON), unique("by-nobody"), "author", null).then().statusCode(401);
        invite(bootstrap(), unique("owner"), "owner", null).then().statusCode(400).body("errors[0].field", equalTo("role"));
        invite(bootstrap(), "not an address", "author", null).then().statusCode(400).body("errors[0].field", equalTo("email"));
        invite(bootstrap(), unique("long"), "author", "P31D").then().statusCode(400).body("errors[0].field", equalTo("expiresIn"));
        as(author).get("/api/invitations").then().statusCode(403);
        as(editor).get("/api/invitations").then().statusCode(200);
    }

    @Test
    void revokedReplacedAndExpiredLinksAreDead() throws Exception {
        String email = unique("replaced");
        Response first = invite(bootstrap(), email, "author", null);
        Response second = invite(bootstrap(), email, "contributor", null);
        given().get(path(first)).then().statusCode(404);
        given().get(path(second)).then().statusCode(200).body("role", equalTo("contributor"));
        List<Map<String, Object>> listed = bootstrap().get("/api/invitations").then().statusCode(200).extract().path("$");
        assertTrue(listed.stream().anyMatch(i -> second.path("id").equals(i.get("id"))));
        assertFalse(listed.stream().anyMatch(i -> first.path("id").equals(i.get("id"))), "replaced");
        assertFalse(listed.toString().contains("/api/invitations/"), "never the links: " + listed);

        bootstrap().delete("/api/invitations/" + second.path("id")).then().statusCode(204);
        accept(path(second), PASSWORD).then().statusCode(404);
        bootstrap().delete("/api/invitations/" + second.path("id")).then().statusCode(404);

        Response expiring = invite(bootstrap(), unique("expiring"), "author", "PT5M");
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = ?")) {
            s.setObject(1, UUID.fromString(expiring.path("id")));
            assertEquals(1, s.executeUpdate());
        }
        accept(path(expiring), PASSWORD).then().statusCode(404);
        given().get("/api/invitations/" + "A".repeat(43)).then().statusCode(404);
        given().get("/api/invitations/short").then().statusCode(404);
    }

    @Test
    void invitationsAreAudited() {
        Response made = invite(bootstrap(), unique("audited"), "author", null);
        String target = "invitation:" + made.path("id");
        accept(path(made), PASSWORD).then().statusCode(201);
        for (String action : List.of("invitation.created", "invitation.accepted")) {
            bootstrap().get("/api/audit?action=" + action + "&limit=100").then().statusCode(200).body("items.target", hasItem(target));
        }
        bootstrap().get("/api/audit?action=invitation.accepted&limit=100").then()
                .body("items.find { it.target == '" + target + "' }.actor", not(equalTo("anonymous")));
    }

    private static Response invite(RequestSpecification as, String email, String role, String expiresIn) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "role", role));
        if (expiresIn != null) {
            body.put("expiresIn", expiresIn);
        }
        return as.body(body).post("/api/invitations");
    }

    private static Response accept(String path, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("name", "Invited person", "password", password)).post(path);
    }

    private static String path(Response made) {
        String url = made.then().statusCode(201).extract().path("url");
        return "/api/invitations/" + url.substring(url.lastIndexOf('/') + 1);
    }

    private static String user(String role) {
        String email = unique(role);
        bootstrap().body(Map.of("email", email, "name", "Inviting " + role, "role", role, "password", PASSWORD))
                .post("/api/users").then().statusCode(201);
        return email;
    }

    private static String signIn(String email) {
        return TestPosts.signIn(email, PASSWORD);
    }

    private static RequestSpecification bootstrap() {
        return as(InfraResource.ADMIN_TOKEN);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
