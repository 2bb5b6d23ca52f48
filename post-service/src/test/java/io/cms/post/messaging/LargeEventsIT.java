package io.cms.post.messaging;

import static io.cms.post.TestPosts.admin;
import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.messaging.EventLimits;
import io.cms.post.InfraResource;
import io.cms.post.service.PostInput;
import io.cms.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Every post the API accepts reaches Kafka; one it cannot carry is refused at the API; and an event
 * the broker refuses anyway is parked while the others flow, then retried.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class LargeEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code chars} CJK ideographs drawn at random: three bytes each, and hardly compressible. */
    static String ideographs(int chars, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            sb.append((char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
        }
        return sb.toString();
    }

    @Test
    void aPostAtTheMarkdownLimitReachesKafkaAndThePostsAfterItToo() throws Exception {
        try (EventTap tap = new EventTap()) {
            String markdown = ideographs(PostInput.MAX_MARKDOWN_CHARS, 1);
            String large = create(body(unique("最大の投稿"), "markdown", markdown, "status", "published"));
            String small = create(body(unique("後の投稿")));
            List<EventTap.Event> events = await().atMost(Duration.ofSeconds(30))
                    .until(() -> tap.forKey(large), l -> !l.isEmpty());
            JsonNode event = JSON.readTree(events.get(0).value());
            assertEquals(markdown, event.get("markdown").asText());
            assertTrue(events.get(0).value().length() > PostInput.MAX_MARKDOWN_CHARS);
            await().atMost(Duration.ofSeconds(10)).until(() -> tap.forKey(small), l -> l.size() == 1);
        }
    }

    @Test
    void aChangeWhoseEventWouldNotFitIsRefusedWithTheFieldAndSizesAndNothingIsStored() {
        String slug = "too-large-" + System.nanoTime();
        // Plain ASCII, so the Markdown limit does not apply; the front matter carries the size.
        Map<String, Object> input = body(unique("Too large"), "slug", slug,
                "frontMatter", Map.of("blob", "x".repeat(EventLimits.MAX_EVENT_BYTES)));
        admin().contentType(ContentType.JSON).body(input).post("/api/posts").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:cms:problem:payload-too-large"))
                .body("errors[0].field", equalTo("frontMatter"))
                .body("errors[0].limit", equalTo(EventLimits.MAX_EVENT_BYTES))
                .body("errors[0].actual", greaterThan(EventLimits.MAX_EVENT_BYTES));
        admin().get("/api/posts/" + slug).then().statusCode(404);
    }

    @Test
    void markdownOverItsLimitIsRefusedWithTheLimitAndTheActualLength() {
        Map<String, Object> input = body(unique("Too long"), "markdown", "あ".repeat(PostInput.MAX_MARKDOWN_CHARS + 1));
        admin().contentType(ContentType.JSON).body(input).post("/api/posts").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("markdown"))
                .body("errors[0].limit", equalTo(PostInput.MAX_MARKDOWN_CHARS))
                .body("errors[0].actual", equalTo(PostInput.MAX_MARKDOWN_CHARS + 1));
    }

    @Test
    void anEventTheBrokerRefusesIsParkedTheOthersFlowAndARetryPublishesIt() throws Exception {
        try (EventTap tap = new EventTap(); Admin kafka = kafkaAdmin(TestInfrastructure.shared().broker().bootstrapServers())) {
            // A topic an operator shrank: the broker now refuses what the API still accepts.
            setMaxMessageBytes(kafka, "20000");
            String refused;
            try {
                refused = create(body(unique("拒まれる投稿"), "markdown", ideographs(100_000, 2)));
                String after = create(body(unique("Flows on")));
                await().atMost(Duration.ofSeconds(20)).until(() -> tap.forKey(after), l -> l.size() == 1);
                admin().get("/api/outbox/parked").then().statusCode(200)
                        .header("Cache-Control", containsString("no-store"))
                        .body("total", equalTo(1))
                        .body("events[0].postId", equalTo(refused))
                        .body("events[0].type", equalTo("cms.post.created"))
                        .body("events[0].reason", containsString("RecordTooLarge"))
                        .body("events[0].attempts", equalTo(1));
                assertTrue(tap.forKey(refused).isEmpty(), "a refused event is not on the topic");
            } finally {
                setMaxMessageBytes(kafka, String.valueOf(EventLimits.MAX_RECORD_BYTES));
            }
            admin().post("/api/outbox/parked/retry").then().statusCode(202).body("retried", equalTo(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.forKey(refused), l -> l.size() == 1);
            admin().get("/api/outbox/parked").then().statusCode(200).body("total", equalTo(0));
        }
    }

    @Test
    void theParkedListIsForTheAdminOnly() {
        io.restassured.RestAssured.given().get("/api/outbox/parked").then().statusCode(401);
        io.restassured.RestAssured.given().post("/api/outbox/parked/retry").then().statusCode(401);
    }

    private static Admin kafkaAdmin(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(p);
    }

    private static void setMaxMessageBytes(Admin kafka, String bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.POSTS);
        AlterConfigOp op = new AlterConfigOp(new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET);
        kafka.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
    }
}
