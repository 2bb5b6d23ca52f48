package io.cms.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * For the services' tests: sends CloudEvents records to the shared test broker, the post events
 * built from the contract fixtures ({@code contract/<ce_type>.json} in this kit), so consumers are
 * tested against the same documents the producer is checked against.
 */
public final class ContractEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;

    public ContractEvents() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().broker().bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** The fixture (topic, key, headers, value) of this CloudEvents type. */
    public static ObjectNode fixture(String ceType) throws IOException {
        try (InputStream in = ContractEvents.class.getResourceAsStream("/contract/" + ceType + ".json")) {
            if (in == null) {
                throw new IOException("no contract fixture for " + ceType);
            }
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /**
     * Sends the {@code cms.posts} fixture of {@code ceType} for this post (id, slug, version, a fresh
     * ce_id) with {@code fields} of its value replaced, a null value included.
     */
    public void sendPost(String ceType, UUID id, String slug, long version, Map<String, Object> fields)
            throws IOException, ExecutionException, InterruptedException {
        ObjectNode event = fixture(ceType);
        ObjectNode value = (ObjectNode) event.get("value");
        value.put("id", id.toString()).put("slug", slug).put("version", version);
        fields.forEach((name, v) -> value.set(name, JSON.valueToTree(v)));
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.put("ce_id", UUID.randomUUID().toString()).put("ce_subject", id.toString());
        send(event.get("topic").asText(), id.toString(), headers, JSON.writeValueAsBytes(value));
    }

    /**
     * Sends the {@code cms.terms} fixture of {@code ceType} ({@code cms.tag.updated}, …) for this term
     * (id, slug, name, version, a fresh ce_id and the time now) with {@code fields} of its value replaced.
     */
    public void sendTerm(String ceType, UUID id, String slug, String name, long version, Map<String, Object> fields)
            throws IOException, ExecutionException, InterruptedException {
        ObjectNode event = fixture(ceType);
        ObjectNode value = (ObjectNode) event.get("value");
        value.put("id", id.toString()).put("slug", slug).put("name", name).put("version", version)
                .put("updatedAt", java.time.OffsetDateTime.now().toString());
        fields.forEach((field, v) -> value.set(field, JSON.valueToTree(v)));
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.put("ce_id", UUID.randomUUID().toString()).put("ce_subject", id.toString());
        send(event.get("topic").asText(), id.toString(), headers, JSON.writeValueAsBytes(value));
    }

    /** Sends one record with these headers (as strings) and waits for the broker's acknowledgement. */
    public void send(String topic, String key, ObjectNode headers, byte[] value) throws ExecutionException, InterruptedException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.fields().forEachRemaining(h -> record.headers().add(h.getKey(),
                h.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    /**
     * Two events a consumer of {@code cms.posts} must get past, both keyed {@code key}, in this order:
     * a value that is not JSON ("unreadable event value"), then an event type nobody knows ("unknown
     * event type"; render and search dead-letter it, webhooks skip it as a type no one subscribed to).
     */
    public void sendPoison(String key) throws IOException, ExecutionException, InterruptedException {
        ObjectNode event = fixture("cms.post.published");
        // Fresh, like an event arriving now (a consumer may skip events older than what it serves).
        ObjectNode headers = ((ObjectNode) event.get("headers")).put("ce_id", UUID.randomUUID().toString())
                .put("ce_time", java.time.Instant.now().toString());
        String topic = event.get("topic").asText();
        send(topic, key, headers, "{not json".getBytes(StandardCharsets.UTF_8));
        send(topic, key, headers.deepCopy().put("ce_type", "cms.post.exploded"), "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** A headers object for {@link #send}. */
    public static ObjectNode headers(Map<String, String> values) {
        ObjectNode headers = JSON.createObjectNode();
        values.forEach(headers::put);
        return headers;
    }

    @Override
    public void close() {
        producer.close();
    }
}
