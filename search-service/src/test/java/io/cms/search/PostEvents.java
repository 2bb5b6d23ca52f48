package io.cms.search;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.local.TestInfrastructure;
import io.cms.search.messaging.IndexFeeder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces cms.posts events built from post-service's contract fixtures. */
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

    /** A post event: the fixture of {@code ceType} with these fields replaced (null keeps the fixture's). */
    public void send(String ceType, UUID id, long version, String status, String title, String markdown, String lang,
            List<String> tags) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(CONTRACT.resolve(ceType + ".json")));
        ObjectNode value = (ObjectNode) event.get("value");
        value.put("id", id.toString()).put("slug", "s-" + id).put("version", version);
        if (status != null) {
            value.put("status", status);
        }
        if (title != null) {
            value.put("title", title);
        }
        if (markdown != null) {
            value.put("markdown", markdown);
        }
        value.put("lang", lang);
        if (tags != null) {
            value.set("tags", JSON.valueToTree(tags));
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(IndexFeeder.POSTS_TOPIC, id.toString(),
                JSON.writeValueAsBytes(value));
        event.get("headers").fields().forEachRemaining(h ->
                record.headers().add(h.getKey(), h.getValue().asText().getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    public void publish(UUID id, long version, String title, String markdown, String lang, List<String> tags)
            throws Exception {
        send("cms.post.published", id, version, "published", title, markdown, lang, tags);
    }

    @Override
    public void close() {
        producer.close();
    }
}
