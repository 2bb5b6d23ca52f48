package io.cms.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event contract, both ways, on the fixture files of the test kit (the same ones post-service's
 * records are checked against and the consumers' tests send): every fixture reads into the one event
 * record the consumers use, and that record writes back exactly the fixture's value, so no field the
 * producer sends is lost or reshaped on the way.
 */
class PostChangedEventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final PostEventReader<PostChangedEvent> reader = new PostEventReader<>(PostChangedEvent.class);

    @ParameterizedTest
    @ValueSource(strings = {"cms.post.created", "cms.post.updated", "cms.post.published", "cms.post.unpublished",
        "cms.post.deleted"})
    void everyFixtureReadsIntoTheRecordAndWritesBackTheSame(String ceType) throws Exception {
        JsonNode fixture = fixture(ceType);
        PostChangedEvent event = reader.read(record(fixture));
        assertEquals(fixture.path("value"), JSON.readTree(JSON.writeValueAsString(event)));
        assertEquals(fixture.path("key").asText(), event.id().toString(), "keyed by post id");
    }

    @Test
    void aFieldTheProducerAddsLaterIsIgnoredNotFatal() throws Exception {
        JsonNode fixture = fixture("cms.post.updated");
        ((ObjectNode) fixture.get("value")).put("addedLater", "x");
        assertEquals(fixture.path("value").path("version").asLong(), reader.read(record(fixture)).version());
    }

    @Test
    void anUnknownTypeIsAPoisonEvent() throws Exception {
        JsonNode fixture = fixture("cms.post.updated");
        ((ObjectNode) fixture.get("headers")).put("ce_type", "cms.post.renamed");
        assertThrows(PostEventReader.PoisonEvent.class, () -> reader.read(record(fixture)));
    }

    private static JsonNode fixture(String ceType) throws Exception {
        try (InputStream in = PostChangedEventContractTest.class.getResourceAsStream("/contract/" + ceType + ".json")) {
            assertNotNull(in, "the test kit has no fixture for " + ceType);
            return JSON.readTree(in);
        }
    }

    private static ConsumerRecord<String, byte[]> record(JsonNode fixture) throws Exception {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(fixture.path("topic").asText(), 0, 0,
                fixture.path("key").asText(), JSON.writeValueAsBytes(fixture.path("value")));
        for (Map.Entry<String, JsonNode> h : (Iterable<Map.Entry<String, JsonNode>>) fixture.path("headers")::fields) {
            r.headers().add(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }
}
