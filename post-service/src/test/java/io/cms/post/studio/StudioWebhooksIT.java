package io.cms.post.studio;

import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
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
import io.cms.post.studio.StudioEditorIT.Session;
import io.cms.testkit.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Webhooks in the studio: subscribe with the secret shown once, deliveries with their response, Redeliver, Replay. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioWebhooksIT {

    @Test
    void anAdminSubscribesSeesDeliveriesRedeliversAndReplays() throws Exception {
        Session s = Session.of("admin");
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
            String deliveries = s.page().get(hook).then().statusCode(200).body(containsString("post.created"))
                    .body(containsString("Delivered")).body(containsString("HTTP 200")).extract().asString();
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
        Session editor = Session.of("editor");
        editor.page().get("/studio/settings/webhooks").then().statusCode(403);
        editor.form(Map.of("url", "http://localhost:1/x")).post("/studio/settings/webhooks").then().statusCode(403);
    }

    @Test
    void aBadAddressIsRefusedOnThePage() {
        Session s = Session.of("admin");
        s.form(Map.of("url", "ftp://example.com/hook")).post("/studio/settings/webhooks").then().statusCode(400)
                .body(containsString("url"));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).get("/api/webhooks")
                .then().body(org.hamcrest.Matchers.not(containsString("ftp://example.com/hook")));
    }
}
