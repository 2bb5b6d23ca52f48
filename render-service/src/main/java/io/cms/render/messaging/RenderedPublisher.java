package io.cms.render.messaging;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.messaging.DeadLetters;
import io.cms.common.messaging.EventLimits;
import io.cms.common.messaging.TransientRetry;
import io.cms.render.RenderedPost;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What render-service writes to Kafka: "HTML is ready" events on {@code cms.rendered}, and dead
 * letters. Sends do not wait; {@link #flush()} waits for all of them (re-sending any that failed
 * until the broker takes it), and the feed calls it before it commits the offsets they answer.
 */
@ApplicationScoped
public class RenderedPublisher {

    /** A record sent, kept until the broker acknowledged it. */
    private record Pending(ProducerRecord<String, byte[]> record, Future<RecordMetadata> ack) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper json;
    private final List<Pending> pending = new ArrayList<>();

    RenderedPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, ObjectMapper json) {
        this.json = json;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "render-service");
        // A dead letter is as large as the event it holds.
        EventLimits.producer(p);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Announces that a post version's HTML is stored and served, or that the post is no longer served. */
    public synchronized void published(RenderedPost post) {
        String path = "/api/rendered/" + post.slug;
        PostRenderedEvent event = new PostRenderedEvent(post.id, post.slug, post.version, post.title,
                post.visible ? new PostRenderedEvent.Urls(path, path + "/html") : null, post.renderedAt);
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", UUID.randomUUID().toString());
        header(headers, "ce_source", Channels.SOURCE);
        header(headers, "ce_type", post.visible ? Channels.RENDERED_TYPE : Channels.UNRENDERED_TYPE);
        header(headers, "ce_subject", post.id.toString());
        header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(post.renderedAt));
        header(headers, "content-type", "application/json");
        send(new ProducerRecord<>(Channels.RENDERED_TOPIC, null, post.id.toString(), toJson(event), headers));
    }

    /** Moves an event that cannot be applied to the dead-letter topic, with the reason. */
    public synchronized void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        send(DeadLetters.record(Channels.POSTS_DLQ_TOPIC, record, reason));
    }

    /** Waits until the broker has every record sent so far; re-sends a failed one until it is taken. */
    public synchronized void flush() throws InterruptedException {
        for (Pending p : pending) {
            try {
                p.ack().get();
            } catch (ExecutionException e) {
                TransientRetry.run("Sending to " + p.record().topic(), () -> producer.send(p.record()).get(), x -> false);
            }
        }
        pending.clear();
    }

    private void send(ProducerRecord<String, byte[]> record) {
        pending.add(new Pending(record, producer.send(record)));
    }

    private byte[] toJson(PostRenderedEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
