package io.cms.render.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.local.TestInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces {@code cms.posts} events built from post-service's contract fixtures, so this consumer is
 * tested against the same documents the producer is checked against.
 */
public final class PostEvents implements AutoCloseable {

    static final Path CONTRACT = Path.of("..", "post-service", "src", "test", "resources", "contract");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;

    public PostEvents() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().broker().bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** The fixture of this CloudEvents type. */
    public static ObjectNode fixture(String ceType) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(CONTRACT.resolve(ceType + ".json")));
    }

    /**
     * Sends the fixture of {@code ceType} with the post's id, slug, version, status and body replaced
     * (a null status or body keeps the fixture's).
     */
    public void send(String ceType, UUID id, String slug, long version, String status, String markdown) throws Exception {
        ObjectNode event = fixture(ceType);
        ObjectNode value = (ObjectNode) event.get("value");
        value.put("id", id.toString()).put("slug", slug).put("version", version);
        if (status != null) {
            value.put("status", status);
        }
        if (markdown != null) {
            value.put("markdown", markdown);
        }
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.put("ce_id", UUID.randomUUID().toString()).put("ce_subject", id.toString());
        sendRaw(id.toString(), headers, JSON.writeValueAsBytes(value));
    }

    public void sendRaw(String key, ObjectNode headers, byte[] value) throws ExecutionException, InterruptedException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Channels.POSTS_TOPIC, key, value);
        headers.fields().forEachRemaining(h -> record.headers().add(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
