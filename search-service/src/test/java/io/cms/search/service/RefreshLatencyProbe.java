package io.cms.search.service;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import io.cms.common.messaging.PostChangedEvent;
import io.cms.search.bench.SearchBench;
import io.cms.search.index.IndexHolder;
import io.cms.search.index.SearchIndex;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;

/**
 * In-process time from applying a change to it being searchable, without Kafka or HTTP: what the
 * index itself adds to write → searchable. Writes new posts (one every {@code probe.gap} ms) into
 * the index in {@code probe.dir}, by default the probe index of {@link SearchLatencyProbe} (build it
 * first; the writes are committed at close, so point {@code probe.dir} at a copy to keep it as it
 * was). Run: {@code cp -r search-service/target/probe-index-100000 /tmp/idx && mvn -pl search-service
 * test -Dtest=RefreshLatencyProbe -Dprobe.dir=/tmp/idx -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RefreshLatencyProbe {

    @Test
    void probe() throws Exception {
        int posts = Integer.getInteger("probe.posts", 100_000);
        int writes = Integer.getInteger("probe.writes", 600);
        long gapMillis = Long.getLong("probe.gap", 50);
        Path base = Path.of(System.getProperty("probe.dir", "target/probe-index-" + posts));
        List<String> paragraphs = SearchBench.paragraphs();
        Random random = new Random(7);
        try (IndexHolder holder = new IndexHolder(base, Optional.empty())) {
            SearchIndex index = holder.current();
            index.awaitSearchable(10_000);
            List<Double> applyMs = new ArrayList<>();
            List<Double> searchableMs = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                String body = SearchBench.body(paragraphs, random, Integer.getInteger("probe.bodyChars", 1500));
                UUID id = UUID.randomUUID();
                long t0 = System.nanoTime();
                index.apply(new PostChangedEvent(id, "refresh-" + i, "refresh " + i, body, null, null,
                        List.of("t1"), List.of(), null, null, "published", OffsetDateTime.parse("2024-01-01T00:00:00Z"),
                        null, null, 1, Map.of(), false, List.of(), null, null));
                long t1 = System.nanoTime();
                if (!index.awaitSearchable(5000)) {
                    throw new AssertionError("not searchable after 5 s");
                }
                long t2 = System.nanoTime();
                if (i >= writes / 5) {
                    applyMs.add((t1 - t0) / 1e6);
                    searchableMs.add((t2 - t1) / 1e6);
                }
                Thread.sleep(gapMillis);
            }
            System.out.printf("apply p50 %.2f p99 %.2f max %.2f ms%n", SearchLatencyProbe.pct(applyMs, 50), SearchLatencyProbe.pct(applyMs, 99), SearchLatencyProbe.pct(applyMs, 100));
            System.out.printf("refresh p50 %.2f p90 %.2f p99 %.2f max %.2f ms%n", SearchLatencyProbe.pct(searchableMs, 50),
                    SearchLatencyProbe.pct(searchableMs, 90), SearchLatencyProbe.pct(searchableMs, 99), SearchLatencyProbe.pct(searchableMs, 100));
            IndexSearcher searcher = index.acquire();
            try {
                StringBuilder sizes = new StringBuilder();
                for (var leaf : searcher.getIndexReader().leaves()) {
                    sizes.append(leaf.reader().maxDoc()).append(' ');
                }
                System.out.println("segments (docs): " + sizes);
            } finally {
                index.release(searcher);
            }
        }
    }
}
