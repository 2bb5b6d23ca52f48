package io.cms.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.testkit.Wrk;
import io.cms.testkit.Wrk.Load;
import io.cms.testkit.charts.ChartData;
import org.junit.jupiter.api.Test;

/**
 * Read throughput of the three public read paths under load from wrk (Debian package {@code wrk}),
 * each measured in the same run right after a trivial endpoint of the same service
 * ({@code /q/health/live}: same HTTP stack, no work), which is the ceiling the path is reported
 * against. The stack serves the sample corpus (or the test fixtures when ../shared is absent).
 * Run with {@code deploy/e2e/bench/read-throughput [seconds] [connections]}.
 */
class ReadThroughputBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readThroughput() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 15);
        int connections = Integer.getInteger("bench.connections", 16);
        // wrk from one address is far over the per-client limits: what is measured is the read path.
        try (Stack stack = new Stack("read-bench", java.util.Map.of("CMS_RATE_LIMITS", "false"))) {
            BenchContent.Loaded content = BenchContent.load(stack);
            String slug = content.slug();
            String large = content.large();
            String query = URLEncoder.encode(content.corpus() ? "jekyll" : "outbox", StandardCharsets.UTF_8);

            // name -> service, path, and the ETag to send as If-None-Match (null: an unconditional read)
            Map<String, String[]> paths = new LinkedHashMap<>();
            paths.put("post-service GET /api/posts/{slug}", new String[] {"post-service", "/api/posts/" + slug, null});
            paths.put("render-service GET /api/rendered/{slug}", new String[] {"render-service", "/api/rendered/" + slug, null});
            paths.put("render-service GET /api/rendered/{55 KB post}/html",
                    new String[] {"render-service", "/api/rendered/" + large + "/html", null});
            paths.put("search-service GET /api/search?q=" + query, new String[] {"search-service", "/api/search?q=" + query, null});
            for (String[] unconditional : List.copyOf(paths.values())) {
                String etag = stack.send(stack.request(unconditional[0], unconditional[1])).headers().firstValue("ETag").orElseThrow();
                String name = paths.entrySet().stream().filter(e -> e.getValue() == unconditional).findFirst().orElseThrow().getKey();
                paths.put(name + " If-None-Match", new String[] {unconditional[0], unconditional[1], etag});
            }
            StringBuilder table = new StringBuilder(String.format("%nRead throughput, wrk -t2 -c%d -d%ds per path, 2 cores shared by"
                    + " wrk and the whole stack (%d posts):%n", connections, seconds, content.created()));
            table.append(String.format("  %-62s %10s %8s %8s %10s %8s%n", "path", "req/s", "p50 ms", "p99 ms", "ceiling", "ratio"));
            StringBuilder json = new StringBuilder("{\"seconds\": " + seconds + ", \"connections\": " + connections + ", \"paths\": [");
            Map<String, double[]> bars = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> e : paths.entrySet()) {
                String service = e.getValue()[0];
                Load ceiling = Wrk.run(stack.url(service, "/q/health/live"), seconds, connections);
                Load load = e.getValue()[2] == null ? Wrk.run(stack.url(service, e.getValue()[1]), seconds, connections)
                        : Wrk.run(stack.url(service, e.getValue()[1]), seconds, connections, "If-None-Match: " + e.getValue()[2]);
                double ratio = load.perSecond() / ceiling.perSecond();
                table.append(String.format("  %-62s %10.0f %8.2f %8.2f %10.0f %7.0f%%%n", e.getKey(), load.perSecond(), load.p50(),
                        load.p99(), ceiling.perSecond(), ratio * 100));
                json.append(String.format("%s{\"path\": \"%s\", \"perSecond\": %.0f, \"p50Ms\": %.2f, \"p99Ms\": %.2f, \"errors\": %d, "
                        + "\"ceilingPerSecond\": %.0f, \"ratio\": %.3f}", bars.isEmpty() ? "" : ", ", e.getKey(), load.perSecond(),
                        load.p50(), load.p99(), load.errors(), ceiling.perSecond(), ratio));
                bars.put(e.getKey().replace(" GET /api/", " ").replace("If-None-Match", "(304)"),
                        new double[] {load.perSecond(), ceiling.perSecond()});
            }
            table.append(stack.servicesTable());
            json.append("], \"services\": {").append(stack.servicesJson()).append("}");
            System.out.println(table);
            Path out = Path.of("target", "bench");
            Files.createDirectories(out);
            ChartData.writeResult(out.resolve("read-throughput.json"), (ObjectNode) JSON.readTree(json.append("}").toString()),
                    ChartData.bars("Read throughput (wrk, 2 cores shared with the stack)", "requests/s",
                            List.of("the read path", "trivial endpoint of the same service (/q/health/live)"), bars));
        }
    }
}
