package io.cms.search.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.cms.search.index.IndexHolder;
import io.cms.search.index.SearchIndex;
import io.cms.search.messaging.IndexFeeder;
import io.cms.search.messaging.PostEventParser;
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
 * Rebuilds the index from the beginning of {@code cms.posts} aside (the next generation), then hands
 * it to the feed, which continues it from where the rebuild stopped and swaps it in. Search keeps
 * answering from the old index until the moment of the swap.
 */
@ApplicationScoped
public class Reindexer {

    private static final Logger LOG = Logger.getLogger(Reindexer.class);

    /** The state of the last rebuild. */
    public record Status(String state, OffsetDateTime startedAt, OffsetDateTime finishedAt, long applied, String error) {
    }

    private final IndexHolder indexes;
    private final IndexFeeder feeder;
    private final String bootstrapServers;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status("idle", null, null, 0, null));

    Reindexer(IndexHolder indexes, IndexFeeder feeder,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.indexes = indexes;
        this.feeder = feeder;
        this.bootstrapServers = bootstrapServers;
    }

    public Status status() {
        return status.get();
    }

    public synchronized Status start() {
        if ("running".equals(status.get().state())) {
            return status.get();
        }
        status.set(new Status("running", now(), null, 0, null));
        Thread t = new Thread(this::run, "search-reindex");
        t.setDaemon(true);
        t.start();
        return status.get();
    }

    private void run() {
        OffsetDateTime started = status.get().startedAt();
        long applied = 0;
        SearchIndex rebuilt = null;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            rebuilt = indexes.openNextGeneration();
            List<TopicPartition> partitions = consumer.partitionsFor(IndexFeeder.POSTS_TOPIC, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<Integer, Long> next = new HashMap<>();
            partitions.forEach(tp -> next.put(tp.partition(), consumer.position(tp)));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        rebuilt.apply(PostEventParser.parse(record));
                        applied++;
                    } catch (PostEventParser.PoisonEvent e) {
                        // already dead-lettered by the live feed
                    }
                    next.put(record.partition(), record.offset() + 1);
                }
                status.set(new Status("running", started, null, applied, null));
            }
            partitions.forEach(tp -> next.put(tp.partition(), end.get(tp)));
            rebuilt.commit(next);
            rebuilt.awaitSearchable(5000);
            feeder.swapIn(rebuilt).get(60, TimeUnit.SECONDS);
            status.set(new Status("done", started, now(), applied, null));
            LOG.infof("Search index rebuilt from cms.posts: %d events applied", applied);
        } catch (Exception e) {
            LOG.error("Search index rebuild failed", e);
            status.set(new Status("failed", started, now(), applied, String.valueOf(e.getMessage())));
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-service-reindex");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
