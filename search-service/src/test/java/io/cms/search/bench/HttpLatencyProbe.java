package io.cms.search.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The bench's query mix against a search-service that is already running, from its own small JVM:
 * a one-minute loop for studying the HTTP tail, where {@code bench/search} takes ten (it feeds a
 * broker first). Serve a fed bench index without Kafka (the feed retries in the background and
 * search answers meanwhile):
 * <pre>
 * CMS_RATE_LIMITS=false CMS_SEARCH_INDEX_DIR=/tmp/idx KAFKA_BOOTSTRAP_SERVERS=localhost:1 CMS_ADMIN_TOKEN=x CMS_SEARCH_PORT=18083 \
 *   java -XX:MaxRAM=1g -XX:MaxRAMPercentage=70 -XX:+UseSerialGC -Xmn256m -jar search-service/target/quarkus-app/quarkus-run.jar
 * java -cp search-service/target/test-classes io.cms.search.bench.HttpLatencyProbe 18083 20000 2500 [slow]
 * </pre>
 * Prints p50/p99 over HTTP, searching ({@code Server-Timing}) and outside searching; with {@code slow},
 * every request more than 3 ms outside searching or 6 ms in it, with the epoch ms it was sent at (to
 * line up with {@code -Xlog:gc,safepoint:file=…:timemillis} or {@code perf sched}).
 */
public final class HttpLatencyProbe {

    private HttpLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 2_500;
        List<QueryMix.Timing> timed;
        try (PlainHttp client = new PlainHttp("localhost", port)) {
            timed = QueryMix.run(client, warmUp, count);
        }
        List<Double> all = new ArrayList<>();
        List<Double> searching = new ArrayList<>();
        List<Double> outside = new ArrayList<>();
        for (QueryMix.Timing t : timed) {
            all.add(t.ms());
            searching.add(t.searching());
            outside.add(t.outside());
        }
        List.of(all, searching, outside).forEach(Collections::sort);
        System.out.printf("HTTP p50 %.2f p99 %.2f | searching p50 %.2f p99 %.2f | outside p50 %.2f p99 %.2f ms%n",
                QueryMix.pct(all, 50), QueryMix.pct(all, 99), QueryMix.pct(searching, 50), QueryMix.pct(searching, 99),
                QueryMix.pct(outside, 50), QueryMix.pct(outside, 99));
        if (args.length > 3 && args[3].equals("slow")) {
            timed.stream().filter(t -> t.outside() > 3 || t.searching() > 6).forEach(t -> System.out.printf(
                    "sent %d  %-18s HTTP %6.2f  searching %6.2f  outside %6.2f%n", t.sentAtMillis(), t.query(), t.ms(),
                    t.searching(), t.outside()));
        }
    }
}
