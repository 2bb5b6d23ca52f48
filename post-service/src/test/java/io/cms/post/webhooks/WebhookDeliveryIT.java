package io.cms.post.webhooks;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.post.InfraResource;
import io.cms.post.messaging.EventTap;
import io.cms.testkit.ContractEvents;
import io.cms.testkit.TopicTap;
import io.cms.testkit.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Write → event on Kafka → signed webhook, through the real broker and database. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class WebhookDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeliveryWorker worker;

    @Test
    void everyChangeOfAPostArrivesSignedInOrderWithItsData() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Subscribe.to(receiver, List.of());
            String title = unique("Webhook life");
            String id = create(body(title, "tags", List.of("wh")));
            admin().post("/api/posts/" + id + "/publish").then().statusCode(200);
            admin().contentType(ContentType.JSON).body(body(title, "markdown", "New body", "tags", List.of("wh")))
                    .put("/api/posts/" + id).then().statusCode(200);
            admin().delete("/api/posts/" + id).then().statusCode(204);

            await().atMost(Duration.ofSeconds(20)).until(() -> ofPost(receiver, id).size() == 4);
            List<WebhookReceiver.Hit> hits = ofPost(receiver, id);
            assertEquals(List.of("post.created", "post.published", "post.updated", "post.deleted"),
                    hits.stream().map(WebhookReceiver.Hit::type).toList());
            assertEquals(List.of(1L, 2L, 3L, 4L), hits.stream().map(WebhookReceiver.Hit::version).toList());
            assertTrue(hits.stream().allMatch(WebhookReceiver.Hit::verified), "every signature verifies");
            assertEquals(4, hits.stream().map(WebhookReceiver.Hit::webhookId).distinct().count());
            assertTrue(hits.stream().allMatch(h -> Math.abs(h.timestamp() - Instant.now().getEpochSecond()) < 60));

            JsonNode updated = hits.get(2).json();
            assertTrue(updated.path("timestamp").asText().endsWith("Z"));
            JsonNode data = updated.path("data");
            assertEquals(id, data.path("id").asText());
            assertEquals(title, data.path("title").asText());
            assertEquals("published", data.path("status").asText());
            assertEquals(List.of("markdown"), strings(data.path("changedFields")));
            String slug = data.path("slug").asText();
            assertEquals("http://localhost:8081/api/posts/" + slug, data.path("urls").path("json").asText());
            assertEquals("http://localhost:8082/api/rendered/" + slug + "/html", data.path("urls").path("html").asText());
            assertEquals("http://localhost:8082/" + slug + "/", data.path("urls").path("site").asText(),
                    "the post's address on the site: CMS_SITE_URL and the permalink pattern");

            JsonNode deleted = hits.get(3).json().path("data");
            assertEquals("deleted", deleted.path("status").asText());
            assertEquals(List.of("wh"), strings(deleted.path("tags")), "a deletion carries the post's last tags");
        }
    }

    @Test
    void aBurstOfChangesToOnePostGoesOutBackToBackOnceEachInOrder() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // A slow receiver, so that changes queue up behind the delivery in flight.
            receiver.answering(n -> {
                Thread.sleep(20);
                return 200;
            });
            Subscribe.to(receiver, List.of("post.created", "post.updated"));
            long chainedBefore = worker.chained();
            String title = unique("Burst");
            String id = create(body(title));
            for (int v = 2; v <= 30; v++) {
                admin().contentType(ContentType.JSON).body(body(title, "markdown", "v" + v)).put("/api/posts/" + id)
                        .then().statusCode(200);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> ofPost(receiver, id).size() >= 30);
            Thread.sleep(500); // a duplicate would show up by now
            assertEquals(LongStream.rangeClosed(1, 30).boxed().toList(),
                    receiver.hits().stream().filter(h -> h.postId().equals(id)).map(WebhookReceiver.Hit::version).toList(),
                    "every version attempted once, in order");
            assertTrue(worker.chained() > chainedBefore,
                    "queued deliveries of the post followed the one before them without waiting for the worker");
        }
    }

    @Test
    void filtersPickEventTypesAndTagsAndRenderedEventsComeFromRenderService() throws Exception {
        try (WebhookReceiver filtered = new WebhookReceiver(); WebhookReceiver rendered = new WebhookReceiver()) {
            String tag = "wh-" + UUID.randomUUID().toString().substring(0, 6);
            Subscribe.to(filtered, List.of("post.published"), "tag", tag);
            Subscribe.to(rendered, List.of("post.rendered"), "tag", tag);
            String tagged = create(body(unique("Tagged"), "tags", List.of(tag), "status", "published"));
            String other = create(body(unique("Untagged"), "status", "published"));
            String draft = create(body(unique("Tagged draft"), "tags", List.of(tag)));
            admin().post("/api/posts/" + draft + "/publish").then().statusCode(200);

            // What render-service announces once the HTML of a version is served.
            announceRendered(tagged, 1);
            announceRendered(other, 1);

            await().atMost(Duration.ofSeconds(20)).until(() -> filtered.hits().size() == 2 && rendered.hits().size() == 1);
            Thread.sleep(500); // nothing else may follow
            assertEquals(List.of("post.published", "post.published"), filtered.hits().stream().map(WebhookReceiver.Hit::type).toList());
            assertEquals(List.of(tagged, draft).stream().sorted().toList(),
                    filtered.hits().stream().map(WebhookReceiver.Hit::postId).sorted().toList());
            WebhookReceiver.Hit hit = rendered.hits().get(0);
            assertEquals("post.rendered", hit.type());
            assertEquals(tagged, hit.postId());
            assertTrue(hit.verified());
            assertEquals(List.of(tag), strings(hit.json().path("data").path("tags")));
            assertTrue(hit.json().path("data").path("urls").path("rendered").asText().contains("/api/rendered/"));
        }
    }

    @Test
    void aSubscriptionOnlyGetsWhatHappensAfterItExists() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String before = create(body(unique("Before the subscription")));
            Thread.sleep(50);
            Subscribe.to(receiver, List.of("post.created"));
            String after = create(body(unique("After the subscription")));
            await().atMost(Duration.ofSeconds(20)).until(() -> !ofPost(receiver, after).isEmpty());
            Thread.sleep(300);
            assertTrue(ofPost(receiver, before).isEmpty());
        }
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(); TopicTap dlq = new TopicTap("cms.posts.webhook-dlq");
                ContractEvents events = new ContractEvents()) {
            Subscribe.to(receiver, List.of("post.created"));
            String poisonKey = UUID.randomUUID().toString();
            events.sendPoison(poisonKey);
            String after = create(body(unique("After the poison")));
            await().atMost(Duration.ofSeconds(20)).until(() -> !ofPost(receiver, after).isEmpty());

            List<TopicTap.Event> dead = dlq.awaitKey(poisonKey, 1, Duration.ofSeconds(15));
            // The unknown type is not poison here: no subscription can want it, so it is skipped unread.
            assertTrue(dead.get(0).headers().get("dead-letter-reason").contains("unreadable event value"),
                    dead.get(0).headers().toString());
        }
    }

    @Test
    void aFeatureImageFromTheLibraryArrivesWithItsSizeInTheEventAndThePayload() throws Exception {
        BufferedImage cover = new BufferedImage(700, 400, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(cover, "png", png);
        String url = admin().contentType("image/png").body(png.toByteArray()).post("/api/media?filename=cover.png").then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("url");
        try (WebhookReceiver receiver = new WebhookReceiver(); EventTap tap = new EventTap()) {
            Subscribe.to(receiver, List.of("post.created"));
            String id = create(body(unique("Covered"), "status", "published",
                    "frontMatter", Map.of("feature_image", url, "feature_image_alt", "A cover")));
            await().atMost(Duration.ofSeconds(20)).until(() -> !ofPost(receiver, id).isEmpty());
            JsonNode sent = ofPost(receiver, id).get(0).json().path("data").path("featureImage");
            assertEquals(url, sent.path("url").asText());
            assertEquals(700, sent.path("width").asInt());
            assertEquals(400, sent.path("height").asInt());
            assertEquals("A cover", sent.path("alt").asText());
            String base = url.substring(0, url.lastIndexOf('-'));
            assertEquals(base + "-320.png 320w, " + base + "-640.png 640w, " + base + "-700.png 700w", sent.path("srcset").asText());

            List<EventTap.Event> events = await().atMost(Duration.ofSeconds(20)).until(() -> tap.forKey(id), l -> !l.isEmpty());
            assertEquals(sent, JSON.readTree(events.get(0).value()).path("featureImage"), "the event carries the same");
        }
    }

    static List<WebhookReceiver.Hit> ofPost(WebhookReceiver receiver, String postId) {
        return receiver.accepted().stream().filter(h -> h.postId().equals(postId)).toList();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** What render-service announces once the HTML of a version is served. */
    private static void announceRendered(String postId, long version) {
        String slug = admin().get("/api/posts/" + postId).then().extract().path("slug");
        send("cms.rendered", postId, "{\"id\":\"" + postId + "\",\"slug\":\"" + slug + "\",\"version\":" + version
                + ",\"title\":\"t\",\"urls\":{\"json\":\"/api/rendered/" + slug + "\",\"html\":\"/api/rendered/" + slug
                + "/html\"},\"renderedAt\":\"" + Instant.now() + "\"}", "cms.post.rendered");
    }

    private static void send(String topic, String key, String value, String ceType) {
        try (ContractEvents events = new ContractEvents()) {
            events.send(topic, key, ContractEvents.headers(Map.of("ce_specversion", "1.0", "ce_id",
                    UUID.randomUUID().toString(), "ce_source", "/cms/test", "ce_type", ceType, "ce_subject", key,
                    "ce_time", Instant.now().toString(), "content-type", "application/json")),
                    value.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
