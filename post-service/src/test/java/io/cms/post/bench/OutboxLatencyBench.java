package io.cms.post.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cms.common.messaging.CommittedOnly;
import io.cms.post.InfraResource;
import io.cms.post.Post;
import io.cms.post.messaging.Topics;
import io.cms.post.service.PostInput;
import io.cms.post.service.PostService;
import io.cms.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Time from a write's commit to its event being read from {@code cms.posts} by a plain consumer.
 * The write goes through {@link PostService} in this JVM, so the clock starts when the
 * transaction has committed, not when an HTTP client saw a response. Run with
 * {@code post-service/bench/outbox-latency}; not part of the test suite.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class OutboxLatencyBench {

    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    private static final int POSTS = 50;

    @Inject
    PostService posts;

    @Test
    void commitToConsumedLatency() throws Exception {
        int writes = Integer.getInteger("bench.writes", 1000);
        int rate = Integer.getInteger("bench.rate", 100);
        Map<String, Long> received = new ConcurrentHashMap<>();
        Thread consumer = startConsumer(received);

        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            ids.add(posts.create(input("bench " + UUID.randomUUID(), 0), "bench").id);
        }
        run(ids, 200, rate, null); // warm-up: JIT, connection pools, broker
        Map<String, Long> committed = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        run(ids, writes, rate, committed);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!received.keySet().containsAll(committed.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        consumer.interrupt();

        List<Double> millis = new ArrayList<>();
        committed.forEach((k, t) -> {
            Long r = received.get(k);
            if (r != null) {
                millis.add((r - t) / 1e6);
            }
        });
        Collections.sort(millis);
        double seconds = (System.nanoTime() - started) / 1e9;
        String table = String.format(
                "%nOutbox: commit -> event consumed from cms.posts (%d writes at %d/s, %d received, durable PG: %s)%n"
                        + "  p50 %.2f ms | p95 %.2f ms | p99 %.2f ms | max %.2f ms%n",
                committed.size(), rate, millis.size(), Boolean.getBoolean("cms.test.durable-postgres"),
                pct(millis, 50), pct(millis, 95), pct(millis, 99), millis.get(millis.size() - 1));
        System.out.println(table);
        Path out = Path.of("target", "bench", "outbox-latency.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.format(
                "{\"writes\": %d, \"rate\": %d, \"received\": %d, \"seconds\": %.1f, \"durablePostgres\": %s, "
                        + "\"p50Ms\": %.3f, \"p95Ms\": %.3f, \"p99Ms\": %.3f, \"maxMs\": %.3f}%n",
                committed.size(), rate, millis.size(), seconds, Boolean.getBoolean("cms.test.durable-postgres"),
                pct(millis, 50), pct(millis, 95), pct(millis, 99), millis.get(millis.size() - 1)),
                StandardCharsets.UTF_8);
        if (millis.size() != committed.size()) {
            throw new AssertionError("events missing: " + (committed.size() - millis.size()));
        }
    }

    /** Updates the posts round-robin at a steady rate, noting when each version committed. */
    private void run(List<UUID> ids, int writes, int rate, Map<String, Long> committed) {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            UUID id = ids.get(i % ids.size());
            Post p = posts.update(id, input("bench " + id, i + 1), null, "bench");
            long t = System.nanoTime();
            if (committed != null) {
                committed.put(id + "/" + p.version, t);
            }
        }
    }

    private static PostInput input(String title, int n) {
        return new PostInput(null, title, "body revision " + n, null, null, List.of(), List.of(), null, null, null,
                null, Map.of());
    }

    private static Thread startConsumer(Map<String, Long> received) throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().broker().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        CommittedOnly.consumer(p);
        KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> tps = c.partitionsFor(Topics.POSTS, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(tps);
        c.seekToEnd(tps);
        tps.forEach(c::position);
        Thread t = new Thread(() -> {
            try (c) {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        Matcher m = VERSION.matcher(r.value());
                        if (m.find()) {
                            received.putIfAbsent(r.key() + "/" + m.group(1), now);
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // stopped
            }
        }, "bench-consumer");
        t.start();
        Thread.sleep(500);
        return t;
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
