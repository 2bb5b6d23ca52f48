package io.cms.post.studio;

import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cms.post.InfraResource;
import io.cms.testkit.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Webhooks in the studio: subscribe with the secret shown once, change, test message, new secret,
 * deliveries with their response, Redeliver, Replay.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioWebhooksIT {

    @Test
    void anAdminSubscribesSeesDeliveriesRedeliversAndReplays() throws Exception {
        StudioSession s = StudioSession.of("admin");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String page = s.form(Map.of("url", receiver.url(), "events", "post.created", "description", "Studio receiver"))
                    .post("/studio/settings/webhooks").then().statusCode(201).body(containsString("it is shown only this once"))
                    .extract().asString();
            Matcher secret = Pattern.compile("id=\"made-secret\" readonly value=\"([^\"]+)\"").matcher(page);
            assertTrue(secret.find(), page);
            receiver.verifyingWith(secret.group(1));
            Matcher id = Pattern.compile("href=\"/studio/settings/webhooks/([0-9a-f-]{36})\">" + Pattern.quote(receiver.url())).matcher(page);
            assertTrue(id.find(), page);
            String hook = "/studio/settings/webhooks/" + id.group(1);

            String startedAt = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.MINUTES).toString();
            create(body(unique("Studio webhook")));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
            assertTrue(receiver.hits().get(0).verified(), "signed with the secret the page showed");
            // The receiver has answered; the attempt is logged right after its answer arrives.
            String deliveries = await().atMost(Duration.ofSeconds(10)).until(() -> s.page().get(hook).then().statusCode(200)
                    .extract().asString(), shown -> shown.contains("Delivered") && shown.contains("HTTP 200"));
            assertTrue(deliveries.contains("post.created"), deliveries);
            Matcher delivery = Pattern.compile("action=\"" + hook + "/deliveries/([0-9a-f-]{36})/redeliver\"").matcher(deliveries);
            assertTrue(delivery.find(), deliveries);

            s.form(Map.of()).post(hook + "/deliveries/" + delivery.group(1) + "/redeliver").then().statusCode(303);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 2);
            assertEquals(receiver.hits().get(0).webhookId(), receiver.hits().get(1).webhookId());

            Thread.sleep(1_000); // the event is in Kafka by now; replay reads it back
            s.form(Map.of("since", startedAt)).post(hook + "/replay").then().statusCode(202)
                    .body(containsString("events queued again"));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 3);
            s.form(Map.of("since", "tomorrow")).post(hook + "/replay").then().statusCode(400).body(containsString("since: "));
        }
        StudioSession editor = StudioSession.of("editor");
        editor.page().get("/studio/settings/webhooks").then().statusCode(403);
        editor.form(Map.of("url", "http://localhost:1/x")).post("/studio/settings/webhooks").then().statusCode(403);
    }

    @Test
    void anAdminChangesAWebhookSendsItATestAndRotatesItsSecret() throws Exception {
        StudioSession s = StudioSession.of("admin");
        try (WebhookReceiver first = new WebhookReceiver(); WebhookReceiver moved = new WebhookReceiver()) {
            String page = s.form(Map.of("url", first.url())).post("/studio/settings/webhooks").then().statusCode(201)
                    .extract().asString();
            String secret = match(page, "id=\"made-secret\" readonly value=\"([^\"]+)\"");
            String id = match(page, "href=\"/studio/settings/webhooks/([0-9a-f-]{36})\">" + Pattern.quote(first.url()));
            String hook = "/studio/settings/webhooks/" + id;

            // Another address, one event, a tag, a description, switched off (no "active" box).
            s.form(Map.of("url", moved.url(), "events", "post.published", "tag", "news", "description", "Moved"))
                    .post(hook).then().statusCode(303).header("Location", containsString(hook + "?note=saved"));
            s.page().get(hook + "?note=saved").then().statusCode(200).body(containsString("Saved."))
                    .body(containsString("value=\"post.published\" checked")).body(containsString("value=\"news\""));
            api().get("/api/webhooks/" + id).then().body("url", equalTo(moved.url())).body("events", equalTo(java.util.List.of("post.published")))
                    .body("tag", equalTo("news")).body("description", equalTo("Moved")).body("active", equalTo(false));
            s.page().get(hook + "?note=Your+account+is+locked").then().body(org.hamcrest.Matchers.not(containsString("account is locked")));

            // A bad address is refused on the page, naming the field, and nothing changes.
            s.form(Map.of("url", "ftp://example.com/x", "active", "on")).post(hook).then().statusCode(400).body(containsString("url"));
            api().get("/api/webhooks/" + id).then().body("url", equalTo(moved.url())).body("active", equalTo(false));

            s.form(Map.of("url", moved.url(), "active", "on")).post(hook).then().statusCode(303);
            moved.verifyingWith(secret);
            s.form(Map.of()).post(hook + "/test").then().statusCode(200).body(containsString("Test message: Delivered, HTTP 200."));
            assertEquals("webhook.test", moved.hits().get(0).type());
            assertTrue(moved.hits().get(0).verified(), "signed with the secret shown at subscription");
            moved.answering(500);
            s.form(Map.of()).post(hook + "/test").then().statusCode(200).body(containsString("Test message: Failed, HTTP 500."));

            String rotated = match(s.form(Map.of()).post(hook + "/rotate-secret").then().statusCode(200)
                    .header("Cache-Control", containsString("no-store")).body(containsString("it is not shown again"))
                    .extract().asString(), "id=\"new-secret\" readonly value=\"([^\"]+)\"");
            assertTrue(!rotated.equals(secret), "a new secret");
            moved.answering(200);
            moved.verifyingWith(rotated);
            s.form(Map.of()).post(hook + "/test").then().statusCode(200).body(containsString("Test message: Delivered, HTTP 200."));
            WebhookReceiver.Hit last = moved.hits().get(moved.hits().size() - 1);
            assertTrue(last.verified(), "signed with the new secret");
            assertEquals(2, last.signature().split(" ").length, "and with the old one during the grace period: " + last.signature());
        }
        StudioSession editor = StudioSession.of("editor");
        editor.form(Map.of()).post("/studio/settings/webhooks/" + java.util.UUID.randomUUID() + "/test").then().statusCode(403);
        editor.form(Map.of()).post("/studio/settings/webhooks/" + java.util.UUID.randomUUID() + "/rotate-secret").then().statusCode(403);
    }

    private static String match(String page, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(page);
        assertTrue(m.find(), pattern + " not in " + page);
        return m.group(1);
    }

    private static io.restassured.specification.RequestSpecification api() {
        return io.restassured.RestAssured.given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN);
    }

    @Test
    void aBadAddressIsRefusedOnThePage() {
        StudioSession s = StudioSession.of("admin");
        s.form(Map.of("url", "ftp://example.com/hook")).post("/studio/settings/webhooks").then().statusCode(400)
                .body(containsString("url"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).get("/api/webhooks")
                .then().body(org.hamcrest.Matchers.not(containsString("ftp://example.com/hook")));
    }
}
