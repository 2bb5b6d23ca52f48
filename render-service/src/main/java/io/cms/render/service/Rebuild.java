package io.cms.render.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import io.cms.render.messaging.Channels;
import io.cms.render.messaging.PostEvent;
import io.cms.render.messaging.PostEventParser;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Re-renders everything from the beginning of {@code cms.posts} (e.g. after a renderer change),
 * up to the end offsets seen when it starts. Renders stay served throughout: each post is replaced
 * in place, and the version rule keeps a newer live render from being overwritten.
 */
@ApplicationScoped
public class Rebuild {

    private static final Logger LOG = Logger.getLogger(Rebuild.class);

    /** The state of the last rebuild. */
    public record Status(String state, OffsetDateTime startedAt, OffsetDateTime finishedAt, long applied,
            long skipped, String error) {
    }

    private final RenderService renders;
    private final PostEventParser parser;
    private final String bootstrapServers;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status("idle", null, null, 0, 0, null));

    Rebuild(RenderService renders, PostEventParser parser,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.renders = renders;
        this.parser = parser;
        this.bootstrapServers = bootstrapServers;
    }

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild unless one is running; returns the status either way. */
    public synchronized Status start() {
        if ("running".equals(status.get().state())) {
            return status.get();
        }
        status.set(new Status("running", now(), null, 0, 0, null));
        Thread t = new Thread(this::run, "render-rebuild");
        t.setDaemon(true);
        t.start();
        return status.get();
    }

    private void run() {
        OffsetDateTime started = status.get().startedAt();
        long applied = 0;
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Channels.POSTS_TOPIC, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        PostEvent event = parser.parse(record);
                        renders.apply(event, true);
                        applied++;
                    } catch (RuntimeException e) {
                        // Poison events were dead-lettered by the live consumer already.
                        skipped++;
                    }
                }
                status.set(new Status("running", started, null, applied, skipped, null));
            }
            status.set(new Status("done", started, now(), applied, skipped, null));
            LOG.infof("Rebuild done: %d events applied, %d skipped", applied, skipped);
        } catch (RuntimeException e) {
            LOG.error("Rebuild failed", e);
            status.set(new Status("failed", started, now(), applied, skipped, e.getMessage()));
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "render-service-rebuild");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
