package io.cms.post.messaging;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.post.InfraResource;
import io.cms.post.service.PostInput;
import io.cms.post.service.PostService;
import io.cms.testkit.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** What reaches {@code cms.posts}, read back with a plain Kafka consumer. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class PostEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PostService posts;

    @Test
    void everyChangeIsOneCloudEventKeyedByPostInOrder() throws Exception {
        try (EventTap tap = new EventTap()) {
            String title = unique("Evented");
            String id = create(body(title, "tags", List.of("a")));
            admin().contentType(ContentType.JSON).body(body(title + " edited")).put("/api/posts/" + id)
                    .then().statusCode(200);
            admin().post("/api/posts/" + id + "/publish").then().statusCode(200);
            admin().post("/api/posts/" + id + "/unpublish").then().statusCode(200);
            admin().delete("/api/posts/" + id).then().statusCode(204);

            List<EventTap.Event> events = await().atMost(Duration.ofSeconds(30))
                    .until(() -> tap.forKey(id), list -> list.size() >= 5);
            assertEquals(5, events.size(), "exactly one event per change");
            assertEquals(List.of("cms.post.created", "cms.post.updated", "cms.post.published",
                    "cms.post.unpublished", "cms.post.deleted"), events.stream().map(e -> e.header("ce_type")).toList());

            for (int i = 0; i < events.size(); i++) {
                EventTap.Event e = events.get(i);
                ContractFixtures.assertMatches(e);
                assertEquals("1.0", e.header("ce_specversion"));
                assertEquals("/cms/post-service", e.header("ce_source"));
                assertEquals(id, e.header("ce_subject"));
                assertEquals("application/json", e.header("content-type"));
                assertNotNull(UUID.fromString(e.header("ce_id")));
                assertNotNull(Instant.parse(e.header("ce_time")));
                JsonNode payload = JSON.readTree(e.value());
                assertEquals(i + 1, payload.get("version").asInt(), "versions grow by one, deletion included");
                assertEquals(id, payload.get("id").asText());
                assertEquals(events.get(0).partition(), e.partition(), "one post, one partition");
            }
            assertEquals(5, new HashSet<>(events.stream().map(e -> e.header("ce_id")).toList()).size());

            JsonNode created = JSON.readTree(events.get(0).value());
            assertEquals(title, created.get("title").asText());
            assertEquals("draft", created.get("status").asText());
            assertEquals("a", created.get("tags").get(0).asText());
            JsonNode updated = JSON.readTree(events.get(1).value());
            assertEquals(List.of("title", "markdown", "tags"), names(updated.get("changedFields")));
            JsonNode deleted = JSON.readTree(events.get(4).value());
            assertTrue(deleted.get("deleted").asBoolean());
            assertEquals(created.get("slug").asText(), deleted.get("slug").asText());
        }
    }

    @Test
    void aRolledBackWriteProducesNoEvent() {
        try (EventTap tap = new EventTap()) {
            QuarkusTransaction.begin();
            String rolledBack = posts.create(input(unique("Never")), "test").id.toString();
            QuarkusTransaction.rollback();
            String marker = create(body(unique("Marker")));

            await().atMost(Duration.ofSeconds(30)).until(() -> tap.forKey(marker), l -> !l.isEmpty());
            // Give a stray event every chance to show up before concluding there is none.
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            assertTrue(tap.forKey(rolledBack).isEmpty());
            admin().get("/api/posts/" + rolledBack).then().statusCode(404);
        }
    }

    @Test
    void writesSucceedWhileKafkaIsDownAndEventsFollowInOrder() {
        var broker = TestInfrastructure.shared().broker();
        List<String> ids = new ArrayList<>();
        try (EventTap tap = new EventTap()) {
            broker.stop();
            try {
                for (int i = 0; i < 10; i++) {
                    ids.add(create(body(unique("Outage " + i))));
                }
                for (int round = 0; round < 9; round++) {
                    for (String id : ids) {
                        admin().contentType(ContentType.JSON).body(body("Outage edit " + round + " " + id))
                                .put("/api/posts/" + id).then().statusCode(200);
                    }
                }
            } finally {
                broker.start();
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ids.stream().mapToInt(id -> tap.forKey(id).size()).sum() >= 100);
            for (String id : ids) {
                List<Integer> versions = tap.forKey(id).stream().map(e -> version(e.value())).toList();
                assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), versions, "all events of " + id + ", in order");
            }
        }
    }

    private static PostInput input(String title) {
        return new PostInput(null, title, "text", null, null, List.of(), List.of(), null, null, null, null, Map.of());
    }

    private static int version(String json) {
        try {
            return JSON.readTree(json).get("version").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
