package io.cms.common.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.rest.IdOrSlug;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Every replica's own reading of a topic keyed by post id ({@code cms.posts}, {@code cms.rendered})
 * from its end, in no consumer group and committing nothing:
 * how a replica learns of changes another replica made (to drop what it keeps in memory). Records
 * before the start are skipped (nothing was kept then). After the reading broke off (broker away),
 * it starts again from the end and says so first ({@code onGap}: what was kept may have missed a
 * change, drop it all). The partitions are looked up again every minute, so a topic that grows is
 * followed.
 */
public final class PostTopicTail {

    private static final Logger LOG = Logger.getLogger(PostTopicTail.class);
    private static final long REASSIGN_NANOS = Duration.ofMinutes(1).toNanos();

    private final String topic;
    private final String bootstrapServers;
    private final String clientId;
    private final BiConsumer<UUID, String> changed;
    private final ObjectMapper json = new ObjectMapper();
    private final Runnable onGap;
    private final BackgroundLoop loop;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /**
     * @param changed gets each record's post id and the slug in its value (null if it has none)
     * @param onGap runs when reading resumes after it broke off: records may have been missed
     */
    public PostTopicTail(String topic, String bootstrapServers, String clientId, BiConsumer<UUID, String> changed,
            Runnable onGap) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
        this.changed = changed;
        this.onGap = onGap;
        this.loop = new BackgroundLoop(clientId, this::run);
    }

    public void start() {
        loop.start();
    }

    public void stop() throws InterruptedException {
        loop.stop(2000, () -> {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        });
    }

    private void run() {
        boolean reading = false;
        while (loop.running()) {
            try (KafkaConsumer<String, byte[]> c = newConsumer()) {
                consumer = c;
                List<TopicPartition> assigned = assign(c);
                if (reading) {
                    onGap.run();
                }
                reading = true;
                tail(c, assigned);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (loop.running()) {
                    // Before the first reading this is a start-up race (the topic's owner creates it): quiet.
                    LOG.logf(reading ? Logger.Level.WARN : Logger.Level.DEBUG, "Reading %s for this replica stopped (%s);"
                            + " again in a second", topic, e.toString());
                    loop.pause(1000);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void tail(KafkaConsumer<String, byte[]> c, List<TopicPartition> assigned) {
        long assignedAt = System.nanoTime();
        while (loop.running()) {
            for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                UUID id = r.key() == null ? null : IdOrSlug.id(r.key());
                if (id == null) {
                    continue; // not a post's record (the consumers dead-letter it); nothing here shows it
                }
                try {
                    changed.accept(id, slug(r.value()));
                } catch (RuntimeException e) {
                    LOG.warnf("Record %s-%d@%d not applied on this replica: %s", r.topic(), r.partition(), r.offset(), e);
                }
            }
            if (System.nanoTime() - assignedAt > REASSIGN_NANOS) {
                List<TopicPartition> now = partitions(c);
                if (!now.equals(assigned)) {
                    List<TopicPartition> added = now.stream().filter(p -> !assigned.contains(p)).toList();
                    c.assign(now);
                    c.seekToBeginning(added); // a new partition holds only records written after it appeared
                    assigned.clear();
                    assigned.addAll(now);
                }
                assignedAt = System.nanoTime();
            }
        }
    }

    private String slug(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value).path("slug").asText(null);
        } catch (IOException e) {
            return null; // the id is enough to drop the view
        }
    }

    /** Assigns every partition at its end; what is written from here on is read. */
    private List<TopicPartition> assign(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>(partitions(c));
        c.assign(partitions);
        c.seekToEnd(partitions);
        for (TopicPartition p : partitions) {
            c.position(p); // resolves "the end" now, before anything else is written
        }
        return partitions;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions yet");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).sorted(
                Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        CommittedOnly.consumer(p);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
