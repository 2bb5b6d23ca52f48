package io.cms.search.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.cms.common.messaging.BackgroundLoop;
import io.cms.common.messaging.CommittedOnly;
import io.cms.common.messaging.DeadLetters;
import io.cms.common.messaging.EventLimits;
import io.cms.common.messaging.PostChangedEvent;
import io.cms.common.messaging.PostEventReader;
import io.cms.search.index.IndexHolder;
import io.cms.search.index.SearchIndex;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds {@code cms.posts} into the index. The index is the source of truth for how far it got: it
 * reads every partition from the offsets stored in the last index commit (the beginning for a new
 * index), so the feed and the index can never disagree after a crash. Every replica reads the whole
 * topic and keeps its own full index.
 */
@ApplicationScoped
public class IndexFeeder {

    public static final String POSTS_TOPIC = "cms.posts";
    public static final String DLQ_TOPIC = "cms.posts.search-dlq";
    private static final Logger LOG = Logger.getLogger(IndexFeeder.class);
    private static final PostEventReader<PostChangedEvent> READER = new PostEventReader<>(PostChangedEvent.class);
    /**
     * A poll with at least this many events means a backlog (catching up, an import): the index then
     * refreshes for throughput rather than for the quickest read-your-writes ({@link SearchIndex#loading}).
     */
    static final int BULK_POLL = 20;

    private final IndexHolder indexes;
    private final java.util.concurrent.atomic.AtomicReference<Swap> pendingSwap = new java.util.concurrent.atomic.AtomicReference<>();
    private final String bootstrapServers;
    private final Duration commitInterval;
    private final BackgroundLoop loop = new BackgroundLoop("search-feed", this::run);
    private volatile boolean caughtUp;

    /** A rebuilt index waiting to replace the current one, and who waits for that. */
    private record Swap(SearchIndex index, java.util.concurrent.CompletableFuture<Void> done) {
    }

    IndexFeeder(IndexHolder indexes, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "cms.search.commit-interval", defaultValue = "2s") Duration commitInterval) {
        this.indexes = indexes;
        this.bootstrapServers = bootstrapServers;
        this.commitInterval = commitInterval;
    }

    /** Whether the index has applied everything that was on the topic when the feed started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Hands a rebuilt index (committed with the offsets it covers) to the feed, which continues it
     * from those offsets and makes it current; completes when searches use it.
     */
    public java.util.concurrent.CompletableFuture<Void> swapIn(SearchIndex rebuilt) {
        Swap swap = new Swap(rebuilt, new java.util.concurrent.CompletableFuture<>());
        pendingSwap.set(swap);
        return swap.done();
    }

    void start(@Observes StartupEvent ignored) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        // The poll in hand (at most 100 ms) is applied and committed to the index.
        loop.stop(10_000, () -> { });
    }

    private void run() {
        while (loop.running()) {
            try (KafkaConsumer<String, byte[]> consumer = consumer(); KafkaProducer<String, byte[]> dlq = producer()) {
                feed(consumer, dlq);
            } catch (Exception e) {
                if (loop.running()) {
                    LOG.warnf("Search feed interrupted (%s); retrying", e.getMessage());
                    loop.pause(1000);
                }
            }
        }
    }

    private void feed(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> dlq) throws Exception {
        List<TopicPartition> partitions = List.of();
        while (loop.running() && partitions.isEmpty()) {
            partitions = consumer.partitionsFor(POSTS_TOPIC, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                loop.pause(500);
            }
        }
        consumer.assign(partitions);
        SearchIndex index = indexes.current();
        Map<Integer, Long> next = new HashMap<>();
        seek(consumer, partitions, index, next);
        Map<TopicPartition, Long> startEnd = consumer.endOffsets(partitions);
        long lastCommit = System.nanoTime();
        boolean dirty = false;
        while (loop.running()) {
            Swap swap = pendingSwap.getAndSet(null);
            if (swap != null) {
                if (dirty) {
                    index.commit(next);
                    dirty = false;
                }
                index = swap.index();
                seek(consumer, partitions, index, next);
                indexes.swap(index);
                swap.done().complete(null);
                LOG.info("Rebuilt search index swapped in");
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
            index.loading(records.count() >= BULK_POLL);
            for (ConsumerRecord<String, byte[]> record : records) {
                try {
                    index.apply(READER.read(record));
                } catch (PostEventReader.PoisonEvent e) {
                    DeadLetters.send(dlq, DLQ_TOPIC, record, e.getMessage());
                }
                next.put(record.partition(), record.offset() + 1);
                dirty = true;
            }
            if (!records.isEmpty()) {
                index.batchApplied();
            }
            if (!caughtUp && partitions.stream().allMatch(tp -> consumer.position(tp) >= startEnd.get(tp))) {
                index.awaitSearchable(5000);
                caughtUp = true;
                LOG.info("Search index caught up with cms.posts");
            }
            if (dirty && System.nanoTime() - lastCommit > commitInterval.toNanos()) {
                index.commit(next);
                lastCommit = System.nanoTime();
                dirty = false;
            }
        }
        if (dirty) {
            index.commit(next);
        }
    }

    /** Positions the consumer where the index's last commit ends (the beginning for a new index). */
    private static void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, SearchIndex index,
            Map<Integer, Long> next) throws java.io.IOException {
        Map<Integer, Long> committed = index.committedOffsets();
        for (TopicPartition tp : partitions) {
            long offset = committed.getOrDefault(tp.partition(), 0L);
            consumer.seek(tp, offset);
            next.put(tp.partition(), offset);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "search-service-feed");
        CommittedOnly.consumer(p);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "search-service-dlq");
        // A dead letter is as large as the event it holds.
        EventLimits.producer(p);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
