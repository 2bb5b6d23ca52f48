package io.cms.e2e;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.testkit.WebhookReceiver;
import io.cms.testkit.charts.ChartData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Time from a post write to its new HTML being served, through the whole local stack: the clock
 * starts when the PUT is sent to post-service and stops when render-service answers the
 * read-your-writes request ({@code /html?minVersion=N}) sent right after the PUT returned. At the
 * same moment search-service's read-your-writes request ({@code /api/search/posts/{id}?minVersion=N})
 * is sent from another thread: from the PUT's answer, the time until it says the new version is
 * searchable.
 * Run with {@code deploy/e2e/bench/write-to-html}; not part of the test suite.
 */
class WriteToHtmlBench {

    /** -Dbench.search=false measures HTML alone, without a client polling search-service in between. */
    private static final boolean MEASURE_SEARCH = Boolean.parseBoolean(System.getProperty("bench.search", "true"));

    @Test
    void writeToHtml() throws Exception {
        int writes = Integer.getInteger("bench.writes", 300);
        int rate = Integer.getInteger("bench.rate", 20);
        ObjectMapper json = new ObjectMapper();
        try (Stack stack = new Stack("bench")) {
            String body = "{\"title\":\"計測\",\"markdown\":\"# 計測\\n\\n本文 0\",\"status\":\"published\"}";
            HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
            String id = json.readTree(created.body()).get("id").asText();
            // (a) the event on Kafka and (d) the webhook, timed on arrival, matched to writes by version.
            Map<Long, Long> answeredAt = new ConcurrentHashMap<>();
            Map<Long, Long> onKafka = new ConcurrentHashMap<>();
            Thread tap = tap(stack.broker().bootstrapServers(), id, onKafka);
            WebhookReceiver receiver = new WebhookReceiver();
            HttpResponse<String> subscribed = stack.send(stack.admin("post-service", "/api/webhooks")
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\",\"events\":[\"post.updated\"]}")));
            receiver.verifyingWith(json.readTree(subscribed.body()).get("secret").asText());
            List<Double> total = new ArrayList<>();
            List<Double> afterWrite = new ArrayList<>();
            List<Double> searchable = new ArrayList<>();
            ExecutorService searchWaiter = Executors.newSingleThreadExecutor();
            long interval = 1_000_000_000L / rate;
            for (int i = 1; i <= writes + 50; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> put = stack.send(stack.admin("post-service", "/api/posts/" + id)
                        .header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString("{\"title\":\"計測\",\"markdown\":\"# 計測\\n\\n本文 " + i + "\"}")));
                long t1 = System.nanoTime();
                long version = json.readTree(put.body()).get("version").asLong();
                if (i > 50) {
                    answeredAt.put(version, System.currentTimeMillis());
                }
                // Searchable: search-service's read-your-writes request answers when the version is
                // searchable. Sent at the same time as render-service's, from another thread: sent
                // after the HTML had come (until session 6), it measured render's latency too.
                Future<Long> searchableAt = MEASURE_SEARCH ? searchWaiter.submit(() -> {
                    HttpResponse<String> indexed = stack.send(stack.request("search-service",
                            "/api/search/posts/" + id + "?minVersion=" + version + "&wait=5s"));
                    long at = System.nanoTime();
                    if (indexed.statusCode() != 200 || indexed.headers().firstValue("CMS-Stale").isPresent()) {
                        throw new AssertionError("version " + version + " not searchable after 5 s: " + indexed.statusCode());
                    }
                    return at;
                }) : null;
                HttpResponse<String> html = stack.send(stack.request("render-service",
                        "/api/rendered/" + id + "/html?minVersion=" + version + "&wait=5s"));
                long t2 = System.nanoTime();
                if (html.statusCode() != 200 || html.headers().firstValue("CMS-Stale").isPresent()) {
                    throw new AssertionError("version " + version + " not served: " + html.statusCode());
                }
                long t3 = searchableAt == null ? t2 : searchableAt.get();
                if (i > 50) { // the first 50 warm up JIT, pools and the broker
                    total.add((t2 - t0) / 1e6);
                    afterWrite.add((t2 - t1) / 1e6);
                    searchable.add((t3 - t1) / 1e6);
                }
                long sleep = interval - (System.nanoTime() - t0);
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            searchWaiter.shutdown();
            long deadline = System.currentTimeMillis() + 20_000;
            while (receiver.accepted().size() < writes + 50 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            tap.interrupt();
            tap.join(5_000);
            receiver.close();
            List<Double> event = new ArrayList<>();
            List<Double> webhook = new ArrayList<>();
            answeredAt.forEach((v, at) -> {
                if (onKafka.containsKey(v)) {
                    event.add((double) Math.max(0, onKafka.get(v) - at));
                }
            });
            for (WebhookReceiver.Hit hit : receiver.accepted()) {
                Long at = answeredAt.get(hit.version());
                if (at != null) {
                    webhook.add((double) Math.max(0, hit.receivedAtMillis() - at));
                }
            }
            Collections.sort(total);
            Collections.sort(afterWrite);
            Collections.sort(searchable);
            Collections.sort(event);
            Collections.sort(webhook);
            String table = String.format("%nWrite -> new HTML served (%d writes at up to %d/s, after 50 warm-up writes):%n"
                    + "  from PUT sent:     p50 %.1f ms | p95 %.1f ms | p99 %.1f ms | max %.1f ms%n"
                    + "  from PUT answered: p50 %.1f ms | p95 %.1f ms | p99 %.1f ms | max %.1f ms%n"
                    + "Write -> searchable, from PUT answered: p50 %.1f ms | p95 %.1f ms | p99 %.1f ms | max %.1f ms%n",
                    writes, rate, pct(total, 50), pct(total, 95), pct(total, 99), total.get(total.size() - 1),
                    pct(afterWrite, 50), pct(afterWrite, 95), pct(afterWrite, 99), afterWrite.get(afterWrite.size() - 1),
                    pct(searchable, 50), pct(searchable, 95), pct(searchable, 99), searchable.get(searchable.size() - 1));
            if (!MEASURE_SEARCH) {
                table = table.substring(0, table.indexOf("Write -> searchable"));
            }
            table += String.format("Write -> event on Kafka, from PUT answered (ms resolution): %s%n"
                    + "Write -> webhook received (post.updated), from PUT answered (ms resolution): %s%n",
                    summary(event, writes), summary(webhook, writes));
            table += webhookStages(stack, json, json.readTree(subscribed.body()).get("id").asText(), answeredAt, receiver);
            table += stack.servicesTable() + String.format("%n");
            System.out.println(table);
            Map<String, List<Double>> chart = new LinkedHashMap<>();
            chart.put("(a) event on Kafka", event);
            chart.put("(b) new HTML served", afterWrite);
            if (MEASURE_SEARCH) {
                chart.put("(c) searchable", searchable);
            }
            chart.put("(d) webhook received", webhook);
            // Where the time goes inside render-service: change -> event received -> render served.
            String metrics = stack.send(stack.request("render-service", "/q/metrics")).body();
            metrics.lines().filter(l -> l.startsWith("cms_event_lag_seconds{") && l.contains("quantile"))
                    .forEach(l -> System.out.println("  " + l));
            ObjectNode result = json.createObjectNode().put("writes", writes).put("rate", rate)
                    .put("p50Ms", pct(total, 50)).put("p95Ms", pct(total, 95)).put("p99Ms", pct(total, 99))
                    .put("maxMs", total.get(total.size() - 1))
                    .put("afterWriteP50Ms", pct(afterWrite, 50)).put("afterWriteP99Ms", pct(afterWrite, 99))
                    .put("searchableP50Ms", pct(searchable, 50)).put("searchableP99Ms", pct(searchable, 99))
                    .put("eventP50Ms", pct(event, 50)).put("eventP99Ms", pct(event, 99))
                    .put("webhookP50Ms", pct(webhook, 50)).put("webhookP99Ms", pct(webhook, 99))
                    .put("webhooksReceived", webhook.size());
            ChartData.writeResult(Path.of("target", "bench", "write-to-html.json"), result, ChartData.latency(String.format(
                    "Write -> fresh everywhere, from the PUT's answer (%d writes at up to %d/s, 2 cores)", writes, rate), chart));
        }
    }

    /**
     * Where a webhook's time goes, from post-service's delivery log (database clock, same machine):
     * PUT answered -> delivery planned (the event consumed and queued) -> first attempt sent (claimed
     * by the worker) -> received by the bench's receiver.
     */
    private static String webhookStages(Stack stack, ObjectMapper json, String subscription, Map<Long, Long> answeredAt,
            WebhookReceiver receiver) throws Exception {
        Map<Long, Long> receivedAt = new HashMap<>();
        receiver.accepted().forEach(h -> receivedAt.putIfAbsent(h.version(), h.receivedAtMillis()));
        List<Double> planned = new ArrayList<>();
        List<Double> claimed = new ArrayList<>();
        List<Double> sent = new ArrayList<>();
        for (int page = 1;; page++) {
            JsonNode items = json.readTree(stack.send(stack.admin("post-service", "/api/webhooks/" + subscription
                    + "/deliveries?limit=100&page=" + page)).body()).path("items");
            if (items.isEmpty()) {
                break;
            }
            for (JsonNode d : items) {
                Long answered = answeredAt.get(d.path("postVersion").asLong());
                Long received = receivedAt.get(d.path("postVersion").asLong());
                if (answered == null || received == null || d.path("attempts").isEmpty()) {
                    continue;
                }
                long created = millis(d.path("createdAt").asText());
                long attempted = millis(d.path("attempts").get(0).path("at").asText());
                planned.add((double) (created - answered));
                claimed.add((double) (attempted - created));
                sent.add((double) (received - attempted));
            }
        }
        Collections.sort(planned);
        Collections.sort(claimed);
        Collections.sort(sent);
        return String.format("  of which: PUT answered -> delivery planned %s%n"
                + "            planned -> first attempt started %s%n"
                + "            attempt started -> received %s%n", summary(planned, answeredAt.size()),
                summary(claimed, answeredAt.size()), summary(sent, answeredAt.size()));
    }

    private static long millis(String timestamp) {
        return OffsetDateTime.parse(timestamp).toInstant().toEpochMilli();
    }

    private static String summary(List<Double> sorted, int expected) {
        if (sorted.isEmpty()) {
            return "none arrived";
        }
        return String.format("p50 %.0f ms | p95 %.0f ms | p99 %.0f ms | max %.0f ms (%d of %d)", pct(sorted, 50),
                pct(sorted, 95), pct(sorted, 99), sorted.get(sorted.size() - 1), sorted.size(), expected);
    }

    /** Records when each version of the post arrives on cms.posts (a consumer of its own, no group). */
    private static Thread tap(String bootstrap, String postId, Map<Long, Long> arrivals) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor("cms.posts").stream()
                .map(info -> new TopicPartition("cms.posts", info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        ObjectMapper json = new ObjectMapper();
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.currentTimeMillis();
                        if (postId.equals(r.key())) {
                            arrivals.put(json.readTree(r.value()).get("version").asLong(), now);
                        }
                    }
                }
            } catch (Exception e) {
                // interrupted: the bench is over
            } finally {
                Thread.interrupted(); // cleared, so that closing the consumer does not fail on it
                consumer.close();
            }
        }, "bench-tap");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
