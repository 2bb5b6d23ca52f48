package io.cms.search.bench;

import static io.cms.search.bench.QueryMix.pct;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.local.LocalTopics;
import io.cms.local.Ports;
import io.cms.local.ServiceProcess;
import io.cms.testkit.TestInfrastructure;
import io.cms.testkit.charts.ChartData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A generated corpus (mixed Japanese and English paragraphs taken from the samples, about 3 KB a
 * post) pushed onto cms.posts: indexing throughput, then search latency over HTTP for a fixed query
 * mix, sequential and then from wrk at 16 connections ({@link ConcurrentLoad}), then a full rebuild. Run with {@code search-service/bench/search}; not part of the suite.
 *
 * <p>The service runs as deployed: the packaged jar in its own JVM, with the image's JVM arguments
 * ({@code quarkus.jib.jvm-additional-arguments}) and {@code -XX:MaxRAM} at the pod's memory limit, so
 * that heap size and collector are chosen as in the container. The broker and the client share the
 * bench's JVM, not the service's. {@code -Dbench.jvm="..."} adds JVM options (GC logs, JFR).
 */
public class SearchBench {

    /** deploy/k8s/base/search-service.yaml's memory limit. */
    static final String POD_MEMORY = "1g";
    static final String TOKEN = "bench-admin-token";
    private static final String GC_FLAG = "-XX:\\+Use\\w+GC";
    /**
     * Queries before the measured ones (-Dbench.warmup). A running service is warm, and the JIT keeps
     * compiling search code long after start: after 3 000 queries its compiler threads still took a
     * core now and then while the queries were timed (5 000 posts: p99 7.4 ms after 3 000, 4.5 after
     * 20 000; compilations were still logged after 20 000, far fewer).
     */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 20_000);

    /** For the untimed requests (progress, reindex); the timed ones go through {@link PlainHttp}. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String base;
    private int port;

    /**
     * Latencies of one measured round, in ms, sorted: over HTTP (all, cjk, latin), as the service
     * timed its own search ({@code Server-Timing}), the difference, and the floor (the same request
     * path answering without the index), so that the tail can be told apart.
     */
    record Round(String jvm, List<Double> all, List<Double> cjk, List<Double> latin, List<Double> server,
            List<Double> outside, List<Double> floor, Map<String, List<Double>> byQuery, long residentKib) {

        String summary() {
            return String.format("p50 %.2f ms | p99 %.2f ms | max %.2f ms", pct(all, 50), pct(all, 99), all.get(all.size() - 1));
        }

        String table() {
            StringBuilder out = new StringBuilder(String.format("  %-20s %8s %8s%n", "query (HTTP ms)", "p50", "p99"));
            byQuery.forEach((q, ms) -> out.append(String.format("  %-20s %8.2f %8.2f%n", q, pct(ms, 50), pct(ms, 99))));
            return out.append(String.format("  %-20s %8.2f %8.2f%n", "(searching)", pct(server, 50), pct(server, 99)))
                    .append(String.format("  %-20s %8.2f %8.2f%n", "(HTTP - searching)", pct(outside, 50), pct(outside, 99)))
                    .append(String.format("  %-20s %8.2f %8.2f%n", "(same path, no index)", pct(floor, 50), pct(floor, 99)))
                    .toString();
        }
    }

    @Test
    void bench() throws Exception {
        int posts = Integer.getInteger("bench.posts", 100_000);
        String bootstrap = TestInfrastructure.shared().broker().bootstrapServers();
        LocalTopics.create(bootstrap);
        port = Ports.free();
        base = "http://localhost:" + port;
        Map<String, String> env = Map.of("CMS_SEARCH_PORT", Integer.toString(port), "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "CMS_ADMIN_TOKEN", TOKEN, "CMS_RATE_LIMITS", "false", "CMS_SEARCH_INDEX_DIR",
                Path.of("target", "bench-index-" + System.nanoTime()).toAbsolutePath().toString());
        List<String> jvm = jvmOptions();
        ServiceProcess service = start(port, env, jvm);
        try {
            long t0 = System.nanoTime();
            String lastId = produce(posts);
            while (get("/api/search/posts/" + lastId).statusCode() != 200) {
                Thread.sleep(200);
            }
            double indexSeconds = (System.nanoTime() - t0) / 1e9;
            Round round = measure(service, String.join(" ", jvm));
            ConcurrentLoad.Result load = ConcurrentLoad.measure(base, Integer.getInteger("bench.load-seconds", 15),
                    Integer.getInteger("bench.connections", 16));
            // -Dbench.rebuild=false: skipped while comparing variants (the rebuild does not depend on them).
            double rebuildSeconds = Boolean.parseBoolean(System.getProperty("bench.rebuild", "true")) ? rebuild() : Double.NaN;
            report(posts, indexSeconds, rebuildSeconds, round, load);
            // -Dbench.compare="A|B": the same index served again by JVMs with options A, then B, added.
            for (String variant : System.getProperty("bench.compare", "").split("\\|")) {
                if (!variant.isBlank()) {
                    service.stop();
                    List<String> added = Arrays.asList(variant.strip().split("\\s+"));
                    List<String> options = new ArrayList<>(jvm);
                    if (added.stream().anyMatch(o -> o.matches(GC_FLAG))) {
                        options.removeIf(o -> o.matches(GC_FLAG)); // one collector per JVM
                    }
                    options.addAll(added);
                    service = start(port, env, options);
                    Round r = measure(service, String.join(" ", options));
                    System.out.printf("%nCompared: %s%n  %s | resident %d MiB%n%s", r.jvm(), r.summary(),
                            r.residentKib() / 1024, r.table());
                }
            }
        } finally {
            service.stop();
        }
    }

    private static ServiceProcess start(int port, Map<String, String> env, List<String> jvm) throws InterruptedException {
        ServiceProcess service = new ServiceProcess("search-service", Path.of("target", "quarkus-app", "quarkus-run.jar"),
                port, env, jvm);
        service.start();
        if (!service.awaitReady(120_000)) {
            service.stop();
            throw new AssertionError("search-service did not become ready with " + jvm);
        }
        return service;
    }

    /** Steady state first (merges finished), then the warm-up queries and 2 500 measured ones. */
    private Round measure(ServiceProcess service, String jvm) throws Exception {
        double settled = awaitIdle(service.pid());
        System.out.printf("merges after the load finished %.1f s later%n", settled);
        List<Double> all = new ArrayList<>();
        List<Double> cjk = new ArrayList<>();
        List<Double> latin = new ArrayList<>();
        List<Double> server = new ArrayList<>();
        List<Double> outside = new ArrayList<>();
        Map<String, List<Double>> byQuery = new LinkedHashMap<>();
        List<Double> floor = new ArrayList<>();
        try (PlainHttp client = new PlainHttp("localhost", port)) {
            for (QueryMix.Timing t : QueryMix.run(client, WARM_UP, 2500)) {
                all.add(t.ms());
                (t.query().matches("[\\x00-\\x7F]+") ? latin : cjk).add(t.ms());
                byQuery.computeIfAbsent(t.query(), k -> new ArrayList<>()).add(t.ms());
                server.add(t.searching());
                outside.add(t.outside());
            }
            // The floor: the same kind of request through the same stack (worker thread, JSON) that
            // answers without touching the index (a suggestion for an empty prefix).
            for (int i = 0; i < 2500; i++) {
                long s = System.nanoTime();
                client.get("/api/search/suggest?q=", null);
                floor.add((System.nanoTime() - s) / 1e6);
            }
        }
        Stream.of(all, cjk, latin, server, outside, floor).forEach(Collections::sort);
        byQuery.values().forEach(Collections::sort);
        return new Round(jvm, all, cjk, latin, server, outside, floor, byQuery, service.residentKib());
    }

    private double rebuild() throws Exception {
        long r0 = System.nanoTime();
        send(reindex().POST(HttpRequest.BodyPublishers.noBody()), 202);
        while (!send(reindex(), 200).body().contains("\"done\"")) {
            Thread.sleep(500);
        }
        return (System.nanoTime() - r0) / 1e9;
    }

    private HttpRequest.Builder reindex() {
        return HttpRequest.newBuilder(URI.create(base + "/api/admin/reindex")).header("Authorization", "Bearer " + TOKEN);
    }

    private static void report(int posts, double indexSeconds, double rebuildSeconds, Round r, ConcurrentLoad.Result load)
            throws IOException {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("all 12 queries", r.all());
        series.put("Japanese/Chinese queries", r.cjk());
        series.put("English queries", r.latin());
        ObjectNode chart = ChartData.latency(String.format(
                "Search over HTTP at %,d posts: facets + highlights, sequential (p50 %.1f / p99 %.1f ms)", posts,
                pct(r.all(), 50), pct(r.all(), 99)), series);
        System.out.printf("%nSearch bench, %d generated posts (~1.5-3 KB, ja/en/zh paragraphs from the samples):%n"
                + "  service JVM: %s | resident after the queries: %d MiB%n"
                + "  produce + index: %.1f s (%.0f posts/s) | rebuild from the topic: %.1f s (%.0f posts/s)%n"
                + "  search over HTTP (facets + highlights, 2500 queries of a 12-query mix after %d warm-up, sequential):"
                + " %s%n%s", posts, r.jvm(), r.residentKib() / 1024, indexSeconds, posts / indexSeconds,
                rebuildSeconds, posts / rebuildSeconds, WARM_UP, r.summary(), r.table());
        System.out.printf("  search under concurrency (2 cores shared by wrk, the broker and the service):%n%s", load.table());
        ObjectNode result = new ObjectMapper().createObjectNode().put("posts", posts).put("jvm", r.jvm())
                .put("indexSeconds", indexSeconds)
                .put("searchP50Ms", pct(r.all(), 50)).put("searchP99Ms", pct(r.all(), 99))
                .put("serviceP50Ms", pct(r.server(), 50)).put("serviceP99Ms", pct(r.server(), 99))
                .put("residentMiB", r.residentKib() / 1024);
        load.into(result);
        if (Double.isNaN(rebuildSeconds)) {
            result.putNull("rebuildSeconds");
        } else {
            result.put("rebuildSeconds", rebuildSeconds);
        }
        ChartData.writeResult(Path.of("target", "bench", "search.json"), result, chart);
    }

    /** The image's JVM arguments, the pod's memory as the JVM's idea of physical memory, then -Dbench.jvm. */
    static List<String> jvmOptions() throws IOException {
        Properties app = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            app.load(in);
        }
        List<String> out = new ArrayList<>(List.of("-XX:MaxRAM=" + POD_MEMORY));
        out.addAll(Arrays.asList(app.getProperty("quarkus.jib.jvm-additional-arguments").split(",")));
        String extra = System.getProperty("bench.jvm", "").strip();
        if (!extra.isEmpty()) {
            out.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return out;
    }

    private String produce(int posts) throws Exception {
        List<String> paragraphs = paragraphs();
        Random random = new Random(42);
        ObjectMapper json = new ObjectMapper();
        String last = null;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().broker().bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < posts; i++) {
                String id = UUID.randomUUID().toString();
                String body = body(paragraphs, random, 1500);
                var value = json.createObjectNode().put("id", id).put("slug", "bench-" + i)
                        .put("title", paragraphs.get(random.nextInt(paragraphs.size())).substring(0, 10))
                        .put("markdown", body).put("status", "published").put("version", 1)
                        .put("publishedAt", "2024-01-01T00:00:00Z").put("deleted", false);
                value.putArray("tags").add("t" + random.nextInt(20));
                ProducerRecord<String, byte[]> r = new ProducerRecord<>("cms.posts", id, json.writeValueAsBytes(value));
                r.headers().add("ce_type", "cms.post.published".getBytes(StandardCharsets.UTF_8));
                producer.send(r);
                last = id;
            }
        }
        return last;
    }

    /** Seconds until the process used under 5 % of a core over a second (its merges have finished). */
    private static double awaitIdle(long pid) throws Exception {
        long start = System.nanoTime();
        long before = cpuTicks(pid);
        long now;
        while (true) {
            Thread.sleep(1000);
            now = cpuTicks(pid);
            if (now - before < 5) { // clock ticks are 1/100 s
                break;
            }
            before = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
        return r;
    }

    public static List<String> paragraphs() throws Exception {
        Path samples = Path.of("..", "..", "shared", "samples");
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(samples)) {
            try (Stream<Path> files = Files.walk(samples)) {
                for (Path f : files.filter(x -> x.toString().matches(".*\\.(md|markdown)$")).toList()) {
                    for (String para : Files.readString(f).split("\\n\\s*\\n")) {
                        if (para.length() > 60 && !para.startsWith("---")) {
                            out.add(para.strip());
                        }
                    }
                }
            }
        }
        if (out.isEmpty()) {
            out.add("人工知能の研究は日本でも盛んです。投資家と技術者の視点から考えます。");
            out.add("Jekyll release notes describe new plugins and fixes for static sites.");
        }
        return out;
    }

    /** A generated post body: random paragraphs until it has at least {@code minChars} characters. */
    public static String body(List<String> paragraphs, Random random, int minChars) {
        StringBuilder body = new StringBuilder();
        while (body.length() < minChars) {
            body.append(paragraphs.get(random.nextInt(paragraphs.size()))).append("\n\n");
        }
        return body.toString();
    }
}
