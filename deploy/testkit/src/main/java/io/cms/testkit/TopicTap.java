package io.cms.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain consumer of one topic of the shared test broker that sees only what is written after it was opened. */
public final class TopicTap implements AutoCloseable {

    /** One record with its headers as strings. */
    public record Event(String key, Map<String, String> headers, String value) {
    }

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<Event> events = new ArrayList<>();

    public TopicTap(String topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().broker().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // What a deposed outbox relay sent is aborted; consumers never see it, nor should tests.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position);
    }

    public synchronized List<Event> poll() {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            events.add(new Event(r.key(), headers, r.value()));
        }
        return List.copyOf(events);
    }

    /** The records keyed {@code key}, once at least {@code count} have come; fails after {@code timeout}. */
    public List<Event> awaitKey(String key, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Event> found = poll().stream().filter(e -> key.equals(e.key())).toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " records keyed " + key + " on " + topic + ", got " + found);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
