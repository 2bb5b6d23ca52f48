package io.cms.common.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning up to the end offsets seen when the replay starts (for rebuilds). */
public final class TopicReplay {

    private TopicReplay() {
    }

    /**
     * @param progress called after each poll with the number of records handed over so far
     * @return the end offsets the replay stopped at, by partition
     */
    public static Map<Integer, Long> replay(String bootstrapServers, String topic, String clientId,
            Consumer<ConsumerRecord<String, byte[]>> handler, java.util.function.LongConsumer progress) {
        return replay(bootstrapServers, topic, clientId, null, handler, progress);
    }

    /**
     * Like {@link #replay(String, String, String, Consumer, java.util.function.LongConsumer)}, starting
     * in each partition at the first record whose broker timestamp is at or after {@code since} (from
     * the beginning when null).
     */
    public static Map<Integer, Long> replay(String bootstrapServers, String topic, String clientId, Instant since,
            Consumer<ConsumerRecord<String, byte[]>> handler, java.util.function.LongConsumer progress) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        CommittedOnly.consumer(p);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            if (since == null) {
                consumer.seekToBeginning(partitions);
            } else {
                Map<TopicPartition, Long> times = new java.util.HashMap<>();
                partitions.forEach(tp -> times.put(tp, since.toEpochMilli()));
                consumer.offsetsForTimes(times).forEach((tp, found) ->
                        consumer.seek(tp, found == null ? end.get(tp) : found.offset()));
            }
            long handed = 0;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                        handler.accept(record);
                        handed++;
                    }
                }
                progress.accept(handed);
            }
            Map<Integer, Long> out = new java.util.HashMap<>();
            end.forEach((tp, o) -> out.put(tp.partition(), o));
            return out;
        }
    }
}
