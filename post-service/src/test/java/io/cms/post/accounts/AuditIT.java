package io.cms.post.accounts;

import static io.cms.post.TestPosts.signIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** The audit trail records each kind of event, with actor, time and client, and never a password. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class AuditIT {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void eachKindOfEventIsRecorded() {
        String email = "audited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String id = bootstrap().body(Map.of("email", email, "name", "Audited", "role", "editor", "password", PASSWORD))
                .post("/api/users").then().statusCode(201).extract().path("id");
        String wrong = "not the password " + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", wrong)).post("/api/session")
                .then().statusCode(401);
        String token = signIn(email, PASSWORD);
        given().header("Authorization", "Bearer " + token).get("/api/audit").then().statusCode(403);
        given().header("Authorization", "Bearer " + token).delete("/api/session").then().statusCode(204);
        bootstrap().body(Map.of("role", "author")).put("/api/users/" + id).then().statusCode(200);
        String hook = bootstrap().body(Map.of("url", "http://localhost:9/audited-" + UUID.randomUUID())).post("/api/webhooks")
                .then().statusCode(201).extract().path("id");
        bootstrap().delete("/api/webhooks/" + hook).then().statusCode(204);
        bootstrap().delete("/api/users/" + id).then().statusCode(204);

        String target = "user:" + id;
        JsonPath created = entry("user.created", target);
        assertEquals("admin", created.getString("actor"));
        assertEquals("editor", created.getString("detail.role"));
        assertNotNull(created.getString("at"));
        assertNotNull(created.getString("client"), "the client's address");

        JsonPath failed = entry("sign-in.failed", email);
        assertEquals("wrong password", failed.getString("detail.reason"));
        assertEquals(target, entry("sign-in", target).getString("actor"));
        assertEquals(target, entry("sign-out", target).getString("actor"));
        assertEquals(List.of("role"), entry("user.updated", target).getList("detail.changed"));
        assertEquals("admin", entry("webhook.created", "webhook:" + hook).getString("actor"));
        assertEquals("admin", entry("webhook.deleted", "webhook:" + hook).getString("actor"));
        assertEquals("author", entry("user.deleted", target).getString("detail.role"));

        String everything = bootstrap().get("/api/audit?limit=100").then().statusCode(200)
                .header("Cache-Control", "private, no-store").extract().asString();
        assertFalse(everything.contains(wrong), "a failed sign-in is recorded without its password");
        assertFalse(everything.contains(PASSWORD));
        assertFalse(everything.contains(token));
    }

    @Test
    void filtersAndPagesAreBounded() {
        bootstrap().get("/api/audit?limit=101").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        bootstrap().get("/api/audit?action=" + "x".repeat(101)).then().statusCode(400).body("errors[0].field", equalTo("action"));
        given().get("/api/audit").then().statusCode(401);
    }

    /** The newest entry of an action on a target, as a JSON path over it. */
    private static JsonPath entry(String action, String target) {
        JsonPath page = bootstrap().get("/api/audit?limit=100&action=" + action).then().statusCode(200).extract().jsonPath();
        List<String> targets = page.getList("items.target");
        int i = targets.indexOf(target);
        if (i < 0) {
            throw new AssertionError("no " + action + " on " + target + " in " + page.prettify());
        }
        return page.setRootPath("items[" + i + "]");
    }

    private static RequestSpecification bootstrap() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON);
    }
}
