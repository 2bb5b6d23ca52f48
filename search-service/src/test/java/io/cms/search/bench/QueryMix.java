package io.cms.search.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.cms.search.rest.SearchResource;

/**
 * The benches' fixed query mix, timed over one plain HTTP connection. Uses no Kafka or Quarkus
 * classes, so that {@link HttpLatencyProbe} runs it from the test classes alone.
 */
public final class QueryMix {

    public static final List<String> QUERIES = List.of("中国", "人工知能", "投資家 技術", "\"AI企業\"", "release",
            "Jekyll plugins", "Vim", "Haskell", "研究 -投資", "docker OR heroku", "渐进式", "知能");

    /**
     * One timed request: its query, when it was sent (epoch ms, to line it up with GC or scheduler
     * logs), its time over HTTP and the service's own search time ({@code Server-Timing}), in ms.
     */
    public record Timing(String query, long sentAtMillis, double ms, double searching) {

        double outside() {
            return ms - searching;
        }
    }

    private QueryMix() {
    }

    /**
     * The mix in turn: {@code warmUp} requests untimed, then {@code count} timed ones. Each request
     * also excludes a numbered word found in no post, so that every one is searched rather than
     * answered from the cache of answers (the cached path is measured under load by
     * {@link ConcurrentLoad}).
     */
    static List<Timing> run(PlainHttp client, int warmUp, int count) throws IOException {
        List<Timing> timed = new ArrayList<>(count);
        for (int i = 0; i < warmUp + count; i++) {
            String query = QUERIES.get(i % QUERIES.size());
            long sentAt = System.currentTimeMillis();
            long s = System.nanoTime();
            PlainHttp.Response r = client.get("/api/search?limit=10&q=" + URLEncoder.encode(query + " -zq" + i, StandardCharsets.UTF_8),
                    SearchResource.SERVER_TIMING);
            double ms = (System.nanoTime() - s) / 1e6;
            if (r.status() != 200) {
                throw new AssertionError(r.body());
            }
            if (i >= warmUp) {
                timed.add(new Timing(query, sentAt, ms, Double.parseDouble(r.header().replaceFirst(".*dur=", ""))));
            }
        }
        return timed;
    }

    /** The p-th percentile of sorted values. */
    public static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
