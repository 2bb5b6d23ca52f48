package io.cms.render.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.render.InfraResource;
import io.cms.testkit.TopicTap;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** cms.posts events in, through the real broker and database, rendered HTML out. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class RenderFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static int status(UUID id) {
        return given().get("/api/rendered/" + id).statusCode();
    }

    private static void awaitVersion(UUID id, int version) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> given().get("/api/rendered/" + id).then().extract().path("version"), v -> v != null && ((Integer) v) == version);
    }

    @Test
    void publishUpdateUnpublishDeleteInOrderAndOutOfOrder() throws Exception {
        UUID id = UUID.randomUUID();
        String slug = "flow-" + id;
        try (PostEvents events = new PostEvents(); TopicTap rendered = new TopicTap(Channels.RENDERED_TOPIC)) {
            events.send("cms.post.created", id, slug, 1, null, "# Draft\n\nnot public");
            events.send("cms.post.published", id, slug, 2, "published", "# 見出し\n\n最初の本文です。");
            awaitVersion(id, 2);
            given().get("/api/rendered/" + slug).then().statusCode(200)
                    .body("id", equalTo(id.toString()))
                    .body("html", containsString("<h1 id=\"見出し\">見出し</h1>"))
                    .body("toc[0].id", equalTo("見出し"))
                    .body("readingTimeMinutes", equalTo(1))
                    .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{22}\""))
                    .header("Cache-Control", containsString("public"));
            given().get("/api/rendered/" + id + "/html").then().statusCode(200)
                    .contentType(containsString("text/html")).body(containsString("最初の本文です。"));

            events.send("cms.post.updated", id, slug, 3, "published", "二番目の本文です。");
            awaitVersion(id, 3);
            // A replay and a late, older event change nothing.
            events.send("cms.post.published", id, slug, 2, "published", "古い本文");
            events.send("cms.post.updated", id, slug, 3, "published", "二番目の本文です。");
            events.send("cms.post.unpublished", id, slug, 4, null, null);
            await().atMost(Duration.ofSeconds(20)).until(() -> status(id) == 404);
            events.send("cms.post.published", id, slug, 3, "published", "resurrected?");
            events.send("cms.post.deleted", id, slug, 5, null, null);
            // Nothing after the unpublish shows it again: wait until a later post's render proves the partition moved on.
            UUID marker = UUID.randomUUID();
            events.send("cms.post.published", marker, "marker-" + marker, 1, "published", "marker");
            awaitVersion(marker, 1);
            assertEquals(404, status(id));

            List<TopicTap.Event> all = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                rendered.poll().stream().filter(e -> id.toString().equals(e.key())).forEach(all::add);
                return all.size() >= 4;
            });
            List<TopicTap.Event> announced = all.stream().filter(e -> Channels.RENDERED_TYPE.equals(e.headers().get("ce_type"))).toList();
            assertEquals(List.of(2, 3), announced.stream().map(e -> version(e.value())).toList());
            // The unpublish and the deletion tell every replica the post is no longer served.
            assertEquals(List.of(4, 5), all.stream().filter(e -> Channels.UNRENDERED_TYPE.equals(e.headers().get("ce_type")))
                    .map(e -> version(e.value())).toList());
            assertEquals(4, all.size(), "nothing else about this post: " + all);
            TopicTap.Event first = announced.get(0);
            assertEquals("cms.post.rendered", first.headers().get("ce_type"));
            assertEquals("/cms/render-service", first.headers().get("ce_source"));
            assertEquals(id.toString(), first.headers().get("ce_subject"));
            JsonNode value = JSON.readTree(first.value());
            assertEquals("/api/rendered/" + slug + "/html", value.get("urls").get("html").asText());
        }
    }

    @Test
    void poisonEventsAreDeadLetteredAndTheStreamGoesOn() throws Exception {
        try (PostEvents events = new PostEvents(); TopicTap dlq = new TopicTap(Channels.POSTS_DLQ_TOPIC)) {
            UUID bad = UUID.randomUUID();
            events.sendPoison(bad.toString());
            UUID good = UUID.randomUUID();
            events.send("cms.post.published", good, "after-poison-" + good, 1, "published", "still **rendered**");
            awaitVersion(good, 1);

            List<TopicTap.Event> dead = dlq.awaitKey(bad.toString(), 2, Duration.ofSeconds(20));
            assertTrue(dead.get(0).headers().get("dead-letter-reason").contains("unreadable event value"), dead.get(0).headers().toString());
            assertTrue(dead.get(1).headers().get("dead-letter-reason").contains("unknown event type"), dead.get(1).headers().toString());
        }
    }

    /**
     * A post that cannot be rendered within the budget (thousands of unclosed links: quadratic for
     * flexmark) is stopped and served as a page that says so, with the reason as a warning; the
     * posts after it on the stream are rendered as usual.
     */
    @Test
    void aRenderOverItsBudgetIsStoppedAndServedAsAPlaceholderAndTheStreamGoesOn() throws Exception {
        UUID slow = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        try (PostEvents events = new PostEvents()) {
            events.send("cms.post.published", slow, "slow-" + slow, 1, "published", "[a](".repeat(250_000));
            events.send("cms.post.published", after, "after-slow-" + after, 1, "published", "rendered **as usual**");
            awaitVersion(slow, 1);
            awaitVersion(after, 1);
        }
        given().get("/api/rendered/" + slow).then().statusCode(200)
                .body("html", containsString("This post could not be rendered"))
                .body("warnings[0].type", equalTo("render-failed"))
                .body("warnings[0].message", containsString("was stopped"));
        given().get("/api/rendered/" + after + "/html").then().statusCode(200).body(containsString("<strong>as usual</strong>"));
    }

    @Test
    void readYourWritesWaitsForTheVersion() throws Exception {
        UUID id = UUID.randomUUID();
        String slug = "ryw-" + id;
        try (PostEvents events = new PostEvents()) {
            events.send("cms.post.published", id, slug, 1, "published", "version one");
            awaitVersion(id, 1);
            given().queryParam("minVersion", 2).queryParam("wait", "200ms").get("/api/rendered/" + id)
                    .then().log().ifValidationFails().statusCode(200).header("CMS-Stale", equalTo("true")).body("version", equalTo(1));
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    events.send("cms.post.updated", id, slug, 2, "published", "version two");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            given().queryParam("minVersion", 2).queryParam("wait", "5s").get("/api/rendered/" + slug)
                    .then().statusCode(200).body("version", equalTo(2)).body("html", containsString("version two"));
            writer.join();
            given().queryParam("minVersion", "two").get("/api/rendered/" + id).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("minVersion"));
        }
    }

    private static int version(String json) {
        try {
            return JSON.readTree(json).get("version").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
