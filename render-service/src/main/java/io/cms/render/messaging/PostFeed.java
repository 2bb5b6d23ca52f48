package io.cms.render.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.cms.common.messaging.BackgroundLoop;
import io.cms.common.messaging.CommittedOnly;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code cms.posts} (and {@code cms.terms} and {@code cms.settings}, for {@link TermEventConsumer} and {@link SiteEventConsumer}) in render-service's consumer group (replicas share the partitions) and
 * hands each event to {@link PostEventConsumer} on this one thread, in order per partition.
 *
 * <p>A plain consumer rather than a SmallRye channel, for freshness: the event is handled on the
 * thread that polled it (the channel's hops to an event loop and then a worker thread cost about
 * 6 ms at p50 of the write → HTML time on two busy cores), and what a poll produced
 * ({@code cms.rendered} events, dead letters) is flushed once per poll, instead of one broker round
 * trip per event. Offsets are committed only for events fully handled and flushed, so a crash
 * redelivers, and the version rule makes that harmless.
 */
@ApplicationScoped
public class PostFeed {

    private static final Logger LOG = Logger.getLogger(PostFeed.class);
    /**
     * Offsets are committed at most this often (and at every hand-over and stop): a commit per event
     * is broker work in the very moment the HTML is being served, and a crash only redelivers up to
     * a second of events, which the version rule skips.
     */
    private static final long COMMIT_INTERVAL_NANOS = 1_000_000_000L;

    private final PostEventConsumer events;
    private final TermEventConsumer terms;
    private final SiteEventConsumer settings;
    private final RenderedPublisher publisher;
    private final String bootstrapServers;
    private final String group;
    private final BackgroundLoop loop = new BackgroundLoop("render-feed", this::run);
    private volatile boolean joined;
    private volatile KafkaConsumer<String, byte[]> consumer;

    PostFeed(PostEventConsumer events, TermEventConsumer terms, SiteEventConsumer settings, RenderedPublisher publisher,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "cms.feed.group") String group) {
        this.events = events;
        this.terms = terms;
        this.settings = settings;
        this.publisher = publisher;
        this.bootstrapServers = bootstrapServers;
        this.group = group;
    }

    /** Whether this replica has joined the consumer group (it may have no partitions if replicas outnumber them). */
    public boolean joined() {
        return joined;
    }

    void start(@Observes StartupEvent ignored) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        // The event in hand finishes and its offset is committed.
        loop.stop(5000, () -> {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        });
    }

    private void run() {
        while (loop.running()) {
            try (KafkaConsumer<String, byte[]> c = newConsumer()) {
                consumer = c;
                feed(c);
            } catch (WakeupException e) {
                // stopping
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (loop.running()) {
                    LOG.warnf("Render feed interrupted (%s); restarting", e.toString());
                    loop.pause(1000);
                }
            } finally {
                consumer = null;
                joined = false;
            }
        }
    }

    private void feed(KafkaConsumer<String, byte[]> c) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        c.subscribe(List.of(Channels.POSTS_TOPIC, Channels.TERMS_TOPIC, Channels.SETTINGS_TOPIC), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // Hand over exactly what was handled, so the next owner neither skips nor redoes much.
                commitSync(c, handled);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                joined = true;
                LOG.infof("Rendering %s", partitions);
            }
        });
        long lastCommit = System.nanoTime();
        try {
            while (loop.running()) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (Channels.TERMS_TOPIC.equals(record.topic())) {
                        terms.consume(record);
                    } else if (Channels.SETTINGS_TOPIC.equals(record.topic())) {
                        settings.consume(record);
                    } else {
                        events.consume(record);
                    }
                    handled.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                if (!records.isEmpty()) {
                    publisher.flush();
                }
                if (!handled.isEmpty() && System.nanoTime() - lastCommit > COMMIT_INTERVAL_NANOS) {
                    lastCommit = System.nanoTime();
                    c.commitAsync(Map.copyOf(handled), (offsets, e) -> {
                        if (e != null) {
                            LOG.debugf("Offset commit failed (%s); a later one covers it", e.toString());
                        }
                    });
                    handled.clear();
                }
            }
        } finally {
            commitSync(c, handled);
        }
    }

    private void commitSync(KafkaConsumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> handled) {
        try {
            publisher.flush();
            c.commitSync(handled.isEmpty() ? Map.of() : Map.copyOf(handled));
            handled.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("Could not commit offsets (%s); those events will be redelivered and skipped by version", e.toString());
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "render-service-feed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // cms.posts belongs to post-service: never create it here with the wrong settings.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // A replica that crashes (no leave-group) hands its partitions on after this, not the 45 s default.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        // Events are handled between polls, and a database outage is waited out there: allow long gaps.
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "600000");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        CommittedOnly.consumer(p);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
