package io.cms.search.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import io.cms.common.messaging.PostChangedEvent;
import io.cms.search.bench.QueryMix;
import io.cms.search.bench.SearchBench;
import io.cms.search.index.IndexHolder;
import org.junit.jupiter.api.Test;

/**
 * In-process search latency at scale, without HTTP or Kafka: the same generated corpus and query
 * mix as {@link SearchBench}, indexed straight into a Lucene index under target/ (kept between
 * runs), then each query of the mix timed through {@link SearchService}. For finding where search
 * time goes; the figure that counts is SearchBench's, over HTTP.
 * Run: {@code mvn -pl search-service test -Dtest=SearchLatencyProbe -Dprobe.posts=100000}.
 */
class SearchLatencyProbe {

    @Test
    void probe() throws Exception {
        int posts = Integer.getInteger("probe.posts", 100_000);
        Path base = Path.of(System.getProperty("probe.dir", "target/probe-index-" + posts));
        boolean build = !Files.exists(base.resolve("complete"));
        Integer merge = Integer.getInteger("probe.merge");
        if (!build && merge != null) {
            try (var dir = org.apache.lucene.store.FSDirectory.open(base.resolve("gen-1"));
                    var w = new org.apache.lucene.index.IndexWriter(dir, new org.apache.lucene.index.IndexWriterConfig()
                            .setCodec(new io.cms.search.index.SearchCodec()))) {
                long m0 = System.nanoTime();
                w.forceMerge(merge);
                w.commit();
                System.out.printf("merged to %d segments in %.1f s%n", merge, (System.nanoTime() - m0) / 1e9);
            }
        }
        try (IndexHolder holder = new IndexHolder(base, Optional.empty())) {
            if (build) {
                List<String> paragraphs = SearchBench.paragraphs();
                Random random = new Random(42);
                long t0 = System.nanoTime();
                for (int i = 0; i < posts; i++) {
                    holder.current().apply(generatedPost("bench-" + i, paragraphs, random));
                }
                holder.current().commit(Map.of());
                Files.writeString(base.resolve("complete"), "");
                System.out.printf("indexed %d posts in %.1f s%n", posts, (System.nanoTime() - t0) / 1e9);
            }
            holder.current().awaitSearchable(10_000);
            var searcher = holder.current().acquire();
            StringBuilder segments = new StringBuilder();
            searcher.getIndexReader().leaves().forEach(l -> segments.append(l.reader().maxDoc()).append(' '));
            holder.current().release(searcher);
            System.out.println("segments (docs): " + segments);
            SearchService search = new SearchService(holder);
            Map<String, List<Double>> perQuery = new LinkedHashMap<>();
            List<Double> all = new ArrayList<>();
            int rounds = Integer.getInteger("probe.rounds", 250);
            for (int round = 0; round < rounds; round++) {
                for (String q : System.getProperty("probe.query") == null ? QueryMix.QUERIES
                        : List.of(System.getProperty("probe.query"))) {
                    long s = System.nanoTime();
                    SearchResult r = search.search(new SearchRequest(q, null, null, null, null, null, null, false, 1, 10));
                    double ms = (System.nanoTime() - s) / 1e6;
                    if (round >= rounds / 5) {
                        perQuery.computeIfAbsent(q + " (" + r.total() + ")", k -> new ArrayList<>()).add(ms);
                        all.add(ms);
                    }
                }
            }
            perQuery.forEach((q, l) -> System.out.printf("%-28s p50 %6.2f  p99 %6.2f ms%n", q, pct(l, 50), pct(l, 99)));
            System.out.printf("ALL p50 %.2f p99 %.2f ms%n", pct(all, 50), pct(all, 99));
            int threads = Integer.getInteger("probe.threads", 0);
            if (threads > 0) {
                concurrently(search, threads, Integer.getInteger("probe.seconds", 20), System.getProperty("probe.jfr"));
            }
        }
    }

    /**
     * The query mix from {@code threads} threads at once for {@code seconds}: searches per second
     * (-Dprobe.threads=16, and -Dprobe.jfr=file to record a JFR profile of that phase).
     */
    private static void concurrently(SearchService search, int threads, int seconds, String jfr) throws Exception {
        jdk.jfr.Recording recording = null;
        if (jfr != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.setDestination(Path.of(jfr));
            recording.start();
        }
        java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    try {
                        search.search(new SearchRequest(QueryMix.QUERIES.get(i % QueryMix.QUERIES.size()), null, null, null,
                                null, null, null, false, 1, 10));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    done.incrementAndGet();
                }
            });
            thread.start();
            running.add(thread);
        }
        for (Thread t : running) {
            t.join();
        }
        if (recording != null) {
            recording.stop();
            recording.close();
        }
        System.out.printf("%d threads: %.0f searches/s%n", threads, done.get() / (double) seconds);
    }

    /** The p-th percentile of unsorted values (100: the largest). */
    static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return QueryMix.pct(sorted, p);
    }

    /** A published post of generated text (as {@link SearchBench}'s), its title and tag drawn from {@code random}. */
    static PostChangedEvent generatedPost(String slug, List<String> paragraphs, Random random) {
        String body = SearchBench.body(paragraphs, random, 1500);
        return new PostChangedEvent(UUID.randomUUID(), slug, paragraphs.get(random.nextInt(paragraphs.size())).substring(0, 10),
                body, null, null, List.of("t" + random.nextInt(20)), List.of(), null, null, "published",
                OffsetDateTime.parse("2024-01-01T00:00:00Z"), null, null, 1, Map.of(), false, List.of(), null, null);
    }
}
