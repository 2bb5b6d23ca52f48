package io.cms.post.webhooks;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.cms.testkit.WebhookReceiver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/** Receivers that fail, vanish, hang or ask for patience (test schedule: 0, 0.3, 0.5, 0.7, 1 s ...). */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class WebhookRetryIT {

    @Inject
    EntityManager em;

    @Test
    void aReceiverThatFailsForAWhileGetsEveryEventOnceInPerPostOrder() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            long recoversAt = System.currentTimeMillis() + 2_000;
            receiver.answering(n -> System.currentTimeMillis() < recoversAt ? 500 : 200);
            Subscribe.Created sub = Subscribe.to(receiver, List.of("post.created", "post.updated"));
            List<String> posts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String title = unique("Flaky receiver " + i);
                String id = create(body(title));
                posts.add(id);
                for (int v = 2; v <= 3; v++) {
                    admin().contentType(ContentType.JSON).body(body(title, "markdown", "v" + v)).put("/api/posts/" + id)
                            .then().statusCode(200);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() >= 15);
            Thread.sleep(1_000); // a duplicate would show up by now

            List<WebhookReceiver.Hit> accepted = receiver.accepted();
            assertEquals(15, accepted.size(), "each event accepted once");
            assertEquals(15, accepted.stream().map(WebhookReceiver.Hit::webhookId).distinct().count());
            assertTrue(receiver.hits().stream().anyMatch(h -> h.answered() == 500), "the outage was hit");
            for (String post : posts) {
                List<Long> attempted = receiver.hits().stream().filter(h -> h.postId().equals(post))
                        .map(WebhookReceiver.Hit::version).toList();
                List<Long> sorted = new ArrayList<>(attempted);
                sorted.sort(null);
                assertEquals(sorted, attempted, "versions of " + post + " are never attempted out of order");
                assertEquals(List.of(1L, 2L, 3L), accepted.stream().filter(h -> h.postId().equals(post))
                        .map(WebhookReceiver.Hit::version).toList());
            }

            JsonPath log = Subscribe.deliveries(sub.id(), "&status=delivered");
            assertEquals(15, log.getInt("total"));
            List<Map<String, Object>> retried = log.getList("items.findAll { it.attemptCount > 1 }");
            assertTrue(!retried.isEmpty(), "the log shows the failed attempts");
            Map<String, Object> first = ((List<Map<String, Object>>) retried.get(0).get("attempts")).get(0);
            assertEquals(500, first.get("statusCode"));
            assertEquals("answered 500", first.get("responseBody"));
        }
    }

    @Test
    void goneDisablesTheSubscription() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(410)) {
            Subscribe.Created sub = Subscribe.to(receiver, List.of("post.created"));
            create(body(unique("Nobody home")));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    !admin().get("/api/webhooks/" + sub.id()).then().extract().<Boolean>path("active"));
            String reason = admin().get("/api/webhooks/" + sub.id()).then().extract().path("disabledReason");
            assertTrue(reason.contains("410"), reason);
            assertEquals(1, Subscribe.deliveries(sub.id(), "&status=failed").getInt("total"));
            create(body(unique("Still nobody home")));
            Thread.sleep(1_000);
            assertEquals(1, receiver.hits().size(), "a disabled subscription gets nothing more");
        }
    }

    @Test
    void aHangingReceiverTimesOutWithoutDelayingAnotherSubscription() throws Exception {
        try (WebhookReceiver hanging = new WebhookReceiver(); WebhookReceiver healthy = new WebhookReceiver()) {
            hanging.answering(n -> {
                Thread.sleep(6_000);
                return 200;
            });
            Subscribe.to(healthy, List.of("post.created"));
            // Warm up (consumers joined, connections open), so what is measured below is only the hang's effect.
            String warmUp = create(body(unique("Warm-up")));
            await().atMost(Duration.ofSeconds(20)).until(() -> !WebhookDeliveryIT.ofPost(healthy, warmUp).isEmpty());
            Subscribe.Created stuck = Subscribe.to(hanging, List.of("post.created"));
            long start = System.currentTimeMillis();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(create(body(unique("Hang " + i))));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                    .allMatch(id -> !WebhookDeliveryIT.ofPost(healthy, id).isEmpty()));
            long healthyTook = System.currentTimeMillis() - start;
            assertTrue(healthyTook < 1_500, "the healthy receiver waited " + healthyTook + " ms (timeout is 2 s)");

            await().atMost(Duration.ofSeconds(15)).until(() -> Subscribe.deliveries(stuck.id(), "")
                    .getList("items.attempts.flatten().error").contains("Timed out"));
            List<Integer> latencies = Subscribe.deliveries(stuck.id(), "").getList("items.attempts.flatten().latencyMillis");
            assertTrue(latencies.stream().anyMatch(l -> l >= 1_900 && l < 6_000), "cut at the timeout: " + latencies);
        }
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().withRetryAfter("2")) {
            receiver.answering(n -> n == 0 ? 429 : 200);
            Subscribe.to(receiver, List.of("post.created"));
            create(body(unique("Slow down")));
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.accepted().size() == 1);
            List<WebhookReceiver.Hit> hits = receiver.hits();
            long gap = hits.get(1).receivedAtMillis() - hits.get(0).receivedAtMillis();
            assertTrue(gap >= 1_900, "second attempt after " + gap + " ms; the schedule alone says 300 ms");
            assertEquals(hits.get(0).webhookId(), hits.get(1).webhookId());
        }
    }

    @Test
    void lastAttemptFailsTheDeliveryAndDaysOfFailureDisableTheSubscription() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answering(503)) {
            Subscribe.Created sub = Subscribe.to(receiver, List.of("post.created"));
            create(body(unique("Never accepted")));
            await().atMost(Duration.ofSeconds(20)).until(() -> Subscribe.deliveries(sub.id(), "&status=failed").getInt("total") == 1);
            assertEquals(10, receiver.hits().size(), "one attempt per schedule entry");
            JsonPath webhook = admin().get("/api/webhooks/" + sub.id()).then().extract().jsonPath();
            assertEquals(true, webhook.getBoolean("active"), "a few seconds of failures do not disable it");
            assertTrue(webhook.getString("failingSince") != null);

            // Pretend the failures started a week ago: the next failure disables the subscription.
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE webhook_subscription SET failing_since = now() - interval '7 days' WHERE id = ?1")
                    .setParameter(1, UUID.fromString(sub.id())).executeUpdate());
            create(body(unique("Still failing")));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    !admin().get("/api/webhooks/" + sub.id()).then().extract().<Boolean>path("active"));
            String reason = admin().get("/api/webhooks/" + sub.id()).then().extract().path("disabledReason");
            assertTrue(reason.startsWith("Deliveries have failed without a success since"), reason);

            admin().contentType(ContentType.JSON).body(Map.of("active", true)).patch("/api/webhooks/" + sub.id())
                    .then().statusCode(200).body("disabledReason", org.hamcrest.Matchers.nullValue());
        }
    }
}
