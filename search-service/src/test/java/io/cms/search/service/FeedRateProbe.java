package io.cms.search.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cms.search.bench.SearchBench;
import io.cms.search.index.IndexHolder;
import io.cms.search.index.SearchIndex;

/**
 * In-process indexing throughput without Kafka: generated posts (as {@link SearchBench}'s) applied as
 * fast as they go into a new index in {@code probe.dir}, committed every 2 s as the feed does, the
 * reopen thread refreshing meanwhile. {@code -Dprobe.loading=false} feeds with the one-at-a-time
 * refreshes instead (see {@link SearchIndex#loading}). Run: {@code rm -rf /tmp/feed && mvn -pl
 * search-service test -Dtest=FeedRateProbe -Dprobe.dir=/tmp/feed -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FeedRateProbe {

    @Test
    void probe() throws Exception {
        int posts = Integer.getInteger("probe.posts", 30_000);
        List<String> paragraphs = SearchBench.paragraphs();
        Random random = new Random(42);
        Path base = Path.of(System.getProperty("probe.dir"));
        try (IndexHolder holder = new IndexHolder(base, Optional.empty())) {
            SearchIndex index = holder.current();
            index.loading(Boolean.parseBoolean(System.getProperty("probe.loading", "true")));
            long t0 = System.nanoTime();
            long lastCommit = t0;
            for (int i = 0; i < posts; i++) {
                index.apply(SearchLatencyProbe.generatedPost("feed-" + i, paragraphs, random));
                if (System.nanoTime() - lastCommit > 2_000_000_000L) {
                    index.commit(Map.of(0, (long) i));
                    lastCommit = System.nanoTime();
                }
            }
            index.awaitSearchable(60_000);
            System.out.printf("FEED %d posts in %.1f s: %.0f posts/s%n", posts, (System.nanoTime() - t0) / 1e9, posts / ((System.nanoTime() - t0) / 1e9));
        }
    }
}
