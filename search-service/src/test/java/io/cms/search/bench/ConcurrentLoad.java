package io.cms.search.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.testkit.Wrk;
import io.cms.testkit.Wrk.Load;

/**
 * Search under concurrency, from wrk in the same run: the service's trivial endpoint
 * ({@code /q/health/live}, same HTTP stack, no work) as the ceiling, the query mix as frontends send
 * it (repeated queries, answered from the cache of answers per index state), and the same mix with
 * every request a query no other request sent (an excluded word found in no post, numbered), so
 * that each one is searched: the uncached path.
 */
final class ConcurrentLoad {

    record Result(int connections, int seconds, Load trivial, Load repeated, Load distinct) {

        String table() {
            return String.format("  %-40s %10s %8s %8s %8s%n", "wrk -t2 -c" + connections + " -d" + seconds + "s", "req/s", "x trivial", "p50 ms", "p99 ms")
                    + row("/q/health/live (trivial)", trivial) + row("search, the mix repeated (cached)", repeated)
                    + row("search, every query distinct (uncached)", distinct);
        }

        private String row(String what, Load l) {
            return String.format("  %-40s %10.0f %8.2f %8.2f %8.2f%s%n", what, l.perSecond(), l.perSecond() / trivial.perSecond(),
                    l.p50(), l.p99(), l.errors() == 0 ? "" : "  (" + l.errors() + " errors)");
        }

        void into(ObjectNode json) {
            json.put("concurrentConnections", connections).put("trivialPerSecond", trivial.perSecond());
            put(json, "cached", repeated);
            put(json, "uncached", distinct);
        }

        private void put(ObjectNode json, String name, Load l) {
            json.put(name + "PerSecond", l.perSecond()).put(name + "Ratio", l.perSecond() / trivial.perSecond())
                    .put(name + "P50Ms", l.p50()).put(name + "P99Ms", l.p99()).put(name + "Errors", l.errors());
        }
    }

    private ConcurrentLoad() {
    }

    static Result measure(String base, int seconds, int connections) throws Exception {
        List<String> paths = QueryMix.QUERIES.stream()
                .map(q -> "/api/search?limit=10&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).toList();
        Load trivial = Wrk.run(base + "/q/health/live", seconds, connections);
        Load repeated = Wrk.rotating(base, paths, null, seconds, connections);
        Load distinct = Wrk.rotating(base, paths, "%20-zq", seconds, connections);
        return new Result(connections, seconds, trivial, repeated, distinct);
    }
}
