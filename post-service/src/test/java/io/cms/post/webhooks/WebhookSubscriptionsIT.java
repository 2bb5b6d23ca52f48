package io.cms.post.webhooks;

import static io.cms.post.TestPosts.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.cms.post.InfraResource;
import io.cms.testkit.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Managing subscriptions: secrets, validation, the SSRF guard, changes and removal. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class WebhookSubscriptionsIT {

    @Test
    void theSecretIsShownOnceAndTheSubscriptionCanBeReadChangedAndRemoved() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Subscribe.Created created = Subscribe.to(receiver, List.of("post.published"), "tag", "news");
            assertTrue(created.secret().startsWith("whsec_"));
            assertTrue(Base64.getDecoder().decode(created.secret().substring(6)).length >= 24);

            admin().get("/api/webhooks/" + created.id()).then().statusCode(200)
                    .body("secret", nullValue())
                    .body("secretHint", equalTo(created.secret().substring(0, 10) + "…"))
                    .body("events", equalTo(List.of("post.published")))
                    .body("tag", equalTo("news"))
                    .body("active", equalTo(true));
            admin().get("/api/webhooks").then().statusCode(200).body("id", hasItem(created.id()))
                    .body("secret", not(hasItem(created.secret())));

            admin().contentType("application/merge-patch+json")
                    .body(Map.of("events", List.of("post.updated", "post.rendered"), "active", false,
                            "description", "CDN purge"))
                    .patch("/api/webhooks/" + created.id()).then().statusCode(200)
                    .body("events", equalTo(List.of("post.updated", "post.rendered")))
                    .body("active", equalTo(false)).body("tag", equalTo("news")).body("description", equalTo("CDN purge"));
            admin().contentType(ContentType.JSON).body("{\"tag\": null}")
                    .patch("/api/webhooks/" + created.id()).then().statusCode(200).body("tag", nullValue());

            String rotated = admin().post("/api/webhooks/" + created.id() + "/rotate-secret").then().statusCode(200)
                    .body("previousSecretExpiresAt", notNullValue()).extract().path("secret");
            assertTrue(rotated.startsWith("whsec_"));
            assertNotEquals(created.secret(), rotated);

            admin().delete("/api/webhooks/" + created.id()).then().statusCode(204);
            admin().get("/api/webhooks/" + created.id()).then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void onlyTheAdminManagesWebhooks() {
        given().get("/api/webhooks").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/hook")).post("/api/webhooks").then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://10.0.0.5/hook", "http://192.168.1.20/",
            "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/", "http://[fd00::1]/", "http://0.0.0.0/"})
    void internalTargetsAreRefused(String url) {
        admin().contentType(ContentType.JSON).body(Map.of("url", url)).post("/api/webhooks").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("loopback, private, link-local or metadata"));
    }

    @Test
    void badInputNamesTheFieldAtFault() {
        admin().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.com/x")).post("/api/webhooks")
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        admin().contentType(ContentType.JSON).body(Map.of("url", "https://example.com/x",
                "events", List.of("post.published", "post.exploded"))).post("/api/webhooks")
                .then().statusCode(400).body("errors[0].field", equalTo("events[1]"));
        admin().contentType(ContentType.JSON).body(Map.of("events", List.of())).post("/api/webhooks")
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
        admin().contentType(ContentType.JSON).body("{\"url\": 5, ").post("/api/webhooks")
                .then().statusCode(400).contentType("application/problem+json");
        admin().contentType(ContentType.JSON).body(Map.of("url", "https://example.com/x", "secret", "mine"))
                .post("/api/webhooks").then().statusCode(400).body("errors[0].field", equalTo("secret"));
    }

    @Test
    void badPatchesAndUnknownIdsAreClearErrors() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = Subscribe.to(receiver, List.of()).id();
            admin().contentType(ContentType.JSON).body(Map.of("active", "yes")).patch("/api/webhooks/" + id)
                    .then().statusCode(400).body("errors[0].field", equalTo("active"));
            admin().contentType(ContentType.JSON).body(Map.of("secret", "x")).patch("/api/webhooks/" + id)
                    .then().statusCode(400).body("errors[0].field", equalTo("secret"));
            admin().contentType(ContentType.JSON).body(Map.of("url", "http://10.1.1.1/")).patch("/api/webhooks/" + id)
                    .then().statusCode(400).body("errors[0].field", equalTo("url"));
            admin().contentType(ContentType.JSON).body("{\"url\": ").patch("/api/webhooks/" + id)
                    .then().statusCode(400).contentType("application/problem+json");
            admin().contentType(ContentType.JSON).body("[1, 2]").patch("/api/webhooks/" + id)
                    .then().statusCode(400).body("errors[0].field", equalTo("body"));
            admin().get("/api/webhooks/" + id).then().body("url", equalTo(receiver.url()));
            admin().get("/api/webhooks/not-a-uuid").then().statusCode(404);
            admin().get("/api/webhooks/" + id + "/deliveries?status=lost").then().statusCode(400)
                    .body("errors[0].field", equalTo("status"));
            admin().post("/api/webhooks/" + id + "/replay").then().statusCode(400)
                    .body("errors[0].field", equalTo("since"));
            admin().post("/api/webhooks/" + id + "/replay?since=yesterday").then().statusCode(400)
                    .body("errors[0].field", equalTo("since"));
            admin().post("/api/webhooks/" + id + "/deliveries/" + java.util.UUID.randomUUID() + "/redeliver")
                    .then().statusCode(404);
        }
    }
}
