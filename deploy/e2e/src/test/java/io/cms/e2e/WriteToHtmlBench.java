package io.cms.e2e;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Time from a post write to its new HTML being served, through the whole local stack: the clock
 * starts when the PUT is sent to post-service and stops when render-service answers the
 * read-your-writes request ({@code /html?minVersion=N}) sent right after the PUT returned. Then,
 * from the PUT's answer, the time until search-service reports the new version as searchable.
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
            List<Double> total = new ArrayList<>();
            List<Double> afterWrite = new ArrayList<>();
            List<Double> searchable = new ArrayList<>();
            long interval = 1_000_000_000L / rate;
            for (int i = 1; i <= writes + 50; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> put = stack.send(stack.admin("post-service", "/api/posts/" + id)
                        .header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString("{\"title\":\"計測\",\"markdown\":\"# 計測\\n\\n本文 " + i + "\"}")));
                long t1 = System.nanoTime();
                long version = json.readTree(put.body()).get("version").asLong();
                HttpResponse<String> html = stack.send(stack.request("render-service",
                        "/api/rendered/" + id + "/html?minVersion=" + version + "&wait=5s"));
                long t2 = System.nanoTime();
                if (html.statusCode() != 200 || html.headers().firstValue("CMS-Stale").isPresent()) {
                    throw new AssertionError("version " + version + " not served: " + html.statusCode());
                }
                // Searchable: poll the indexed version every millisecond (adds up to 1 ms).
                long t3 = t2;
                while (MEASURE_SEARCH) {
                    HttpResponse<String> indexed = stack.send(stack.request("search-service", "/api/search/posts/" + id));
                    t3 = System.nanoTime();
                    if (indexed.statusCode() == 200 && json.readTree(indexed.body()).get("version").asLong() >= version) {
                        break;
                    }
                    if (t3 - t1 > 5_000_000_000L) {
                        throw new AssertionError("version " + version + " not searchable after 5 s");
                    }
                    Thread.sleep(1);
                }
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
            Collections.sort(total);
            Collections.sort(afterWrite);
            Collections.sort(searchable);
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
            System.out.println(table);
            // Where the time goes inside render-service: change -> event received -> render served.
            String metrics = stack.send(stack.request("render-service", "/q/metrics")).body();
            metrics.lines().filter(l -> l.startsWith("cms_event_lag_seconds{") && l.contains("quantile"))
                    .forEach(l -> System.out.println("  " + l));
            Path out = Path.of("target", "bench", "write-to-html.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.format("{\"writes\": %d, \"rate\": %d, \"p50Ms\": %.2f, \"p95Ms\": %.2f, "
                    + "\"p99Ms\": %.2f, \"maxMs\": %.2f, \"afterWriteP50Ms\": %.2f, \"afterWriteP99Ms\": %.2f, "
                    + "\"searchableP50Ms\": %.2f, \"searchableP99Ms\": %.2f}%n",
                    writes, rate, pct(total, 50), pct(total, 95), pct(total, 99), total.get(total.size() - 1),
                    pct(afterWrite, 50), pct(afterWrite, 99), pct(searchable, 50), pct(searchable, 99)));
        }
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
