package io.cms.post.webhooks;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.cms.post.InfraResource;
import io.cms.post.messaging.EventTap;
import io.cms.testkit.WebhookReceiver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/** Redelivery, replay from Kafka, test messages and secret rotation. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class WebhookOperationsIT {

    @Test
    void redeliverSendsTheSameMessageAgainUnderTheSameId() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Subscribe.Created sub = Subscribe.to(receiver, List.of("post.created"));
            String post = create(body(unique("Send it again")));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
            // The attempt is logged just after the receiver's answer arrives.
            JsonPath log = await().atMost(Duration.ofSeconds(10)).until(() -> Subscribe.deliveries(sub.id(), "&postId=" + post),
                    l -> "delivered".equals(l.getString("items[0].status")));
            String deliveryId = log.getString("items[0].id");
            assertEquals(receiver.hits().get(0).webhookId(), log.getString("items[0].webhookId"));

            admin().post("/api/webhooks/" + sub.id() + "/deliveries/" + deliveryId + "/redeliver").then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 2);
            WebhookReceiver.Hit first = receiver.hits().get(0);
            WebhookReceiver.Hit again = receiver.hits().get(1);
            assertEquals(first.webhookId(), again.webhookId());
            assertEquals(first.body(), again.body());
            assertTrue(again.verified());
            await().atMost(Duration.ofSeconds(10)).until(() -> admin().get("/api/webhooks/" + sub.id() + "/deliveries/" + deliveryId)
                    .then().extract().<Integer>path("attemptCount"), n -> n == 2);
            admin().get("/api/webhooks/" + sub.id() + "/deliveries/" + deliveryId).then().statusCode(200)
                    .body("status", equalTo("delivered")).body("attemptCount", equalTo(2))
                    .body("payload.type", equalTo("post.created"));
        }
    }

    @Test
    void replaySendsHistoryFromKafkaToANewSubscriptionAndAgainUnderTheSameIds() throws Exception {
        Instant since = Instant.now();
        Thread.sleep(20);
        String title = unique("History");
        try (EventTap tap = new EventTap(); WebhookReceiver receiver = new WebhookReceiver()) {
            String a = create(body(title + " a"));
            String b = create(body(title + " b", "status", "published"));
            admin().contentType(ContentType.JSON).body(body(title + " a", "markdown", "second version"))
                    .put("/api/posts/" + a).then().statusCode(200);
            // Replay reads Kafka: wait until the relay has put all three events there, however slow the machine.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> tap.forKey(a).size() == 2 && tap.forKey(b).size() == 1);
            Subscribe.Created sub = Subscribe.to(receiver, List.of("post.created", "post.updated"));
            Thread.sleep(500);
            assertTrue(receiver.hits().isEmpty(), "history is not sent unasked");

            JsonPath result = admin().post("/api/webhooks/" + sub.id() + "/replay?since=" + since)
                    .then().statusCode(202).extract().jsonPath();
            assertTrue(result.getInt("queued") >= 2, result.prettify());
            // a's two events are delivered one after the other: wait for both, not for the first.
            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookDeliveryIT.ofPost(receiver, a).size() >= 2
                    && !WebhookDeliveryIT.ofPost(receiver, b).isEmpty());
            // cms.posts is compacted, but nothing is compacted this young: a's two events, in order.
            assertEquals(List.of("post.created", "post.updated"),
                    WebhookDeliveryIT.ofPost(receiver, a).stream().map(WebhookReceiver.Hit::type).toList());
            assertEquals(List.of("post.created"),
                    WebhookDeliveryIT.ofPost(receiver, b).stream().map(WebhookReceiver.Hit::type).toList());
            Set<String> ids = receiver.accepted().stream().map(WebhookReceiver.Hit::webhookId).collect(Collectors.toSet());

            int before = receiver.accepted().size();
            admin().post("/api/webhooks/" + sub.id() + "/replay?since=" + since).then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() >= 2 * before);
            Set<String> again = receiver.accepted().stream().skip(before).map(WebhookReceiver.Hit::webhookId)
                    .collect(Collectors.toSet());
            assertEquals(ids, again, "a replayed event keeps its webhook-id, so receivers can deduplicate");

            admin().post("/api/webhooks/" + sub.id() + "/replay?since=" + Instant.now().plusSeconds(60)
                    + "&until=" + Instant.now().plusSeconds(120)).then().statusCode(202).body("queued", equalTo(0));
            admin().post("/api/webhooks/" + sub.id() + "/replay?since=" + Instant.now().plusSeconds(60))
                    .then().statusCode(400).body("errors[0].field", equalTo("since"));
            admin().post("/api/webhooks/" + sub.id() + "/replay?since=" + Instant.now() + "&until=%2B999999999-12-31T23:59:59Z")
                    .then().statusCode(400).body("errors[0].field", equalTo("until"));
        }
    }

    @Test
    void testMessageReportsTheAttempt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Subscribe.Created sub = Subscribe.to(receiver, List.of("post.published"));
            admin().post("/api/webhooks/" + sub.id() + "/test").then().statusCode(200)
                    .body("eventType", equalTo("webhook.test")).body("status", equalTo("delivered"))
                    .body("attempts[0].statusCode", equalTo(200))
                    .body("attempts[0].responseBody", equalTo("answered 200"));
            assertEquals("webhook.test", receiver.hits().get(0).type());
            assertTrue(receiver.hits().get(0).verified());

            receiver.answering(500);
            admin().post("/api/webhooks/" + sub.id() + "/test").then().statusCode(200)
                    .body("status", equalTo("failed")).body("attempts.size()", equalTo(1))
                    .body("attempts[0].statusCode", equalTo(500));
            admin().get("/api/webhooks/" + sub.id()).then().body("active", equalTo(true))
                    .body("failingSince", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void afterARotationBothSecretsSignUntilTheGracePeriodEnds() throws Exception {
        try (WebhookReceiver oldOnly = new WebhookReceiver(); WebhookReceiver newOnly = new WebhookReceiver()) {
            Subscribe.Created sub = Subscribe.to(oldOnly, List.of("post.created"));
            String rotated = admin().post("/api/webhooks/" + sub.id() + "/rotate-secret").then().statusCode(200)
                    .extract().path("secret");
            // Two receivers standing for the same endpoint before and after it learns the new secret.
            newOnly.verifyingWith(rotated);
            admin().contentType(ContentType.JSON).body("{\"url\": \"" + newOnly.url() + "\"}")
                    .patch("/api/webhooks/" + sub.id()).then().statusCode(200);
            create(body(unique("Rotated")));
            await().atMost(Duration.ofSeconds(20)).until(() -> newOnly.hits().size() == 1);
            WebhookReceiver.Hit hit = newOnly.hits().get(0);
            assertTrue(hit.verified(), "the new secret verifies");
            String[] signatures = hit.signature().split(" ");
            assertEquals(2, signatures.length, hit.signature());
            String signedWithOld = Signatures.header(hit.webhookId(), hit.timestamp(), hit.body(), List.of(sub.secret()));
            assertEquals(signedWithOld, signatures[1], "the old secret still signs during the grace period");
        }
    }

    @Inject
    DeliveryLogRetention retention;

    @Inject
    EntityManager em;

    @Test
    void finishedDeliveriesLeaveTheLogAfterTheRetentionPendingOnesStay() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Subscribe.Created sub = Subscribe.to(receiver, List.of("post.created"));
            create(body(unique("Old news")));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
            receiver.answering(503);
            create(body(unique("Still pending")));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.hits().size() >= 2);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE webhook_delivery SET updated_at = now() - interval '40 days' WHERE subscription_id = ?1")
                    .setParameter(1, java.util.UUID.fromString(sub.id())).executeUpdate());

            assertTrue(retention.deleteFinishedBefore(Duration.ofDays(30).toMillis()) >= 1);
            JsonPath log = Subscribe.deliveries(sub.id(), "");
            assertEquals(1, log.getInt("total"), "only the pending delivery is left");
            assertEquals("pending", log.getString("items[0].status"));
        }
    }
}
