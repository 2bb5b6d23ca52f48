package io.cms.search.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cms.common.messaging.PostChangedEvent;
import io.cms.common.messaging.PostEventReader;
import io.cms.common.messaging.RebuildJob;
import io.cms.common.messaging.Rebuildable;
import io.cms.common.messaging.TopicReplay;
import io.cms.search.index.IndexHolder;
import io.cms.search.index.SearchIndex;
import io.cms.search.messaging.IndexFeeder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rebuilds the index from the beginning of {@code cms.posts} aside (the next generation), then hands
 * it to the feed, which continues it from where the rebuild stopped and swaps it in. Search keeps
 * answering from the old index until the moment of the swap.
 */
@ApplicationScoped
public class Reindexer implements Rebuildable {

    private static final PostEventReader<PostChangedEvent> READER = new PostEventReader<>(PostChangedEvent.class);

    private final IndexHolder indexes;
    private final IndexFeeder feeder;
    private final String bootstrapServers;
    private final RebuildJob job = new RebuildJob("search-reindex");

    Reindexer(IndexHolder indexes, IndexFeeder feeder,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.indexes = indexes;
        this.feeder = feeder;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public RebuildJob.Status status() {
        return job.status();
    }

    @Override
    public RebuildJob.Status start() {
        return job.start(this::run);
    }

    private void run(RebuildJob progress) throws Exception {
        long[] applied = {0};
        long[] skipped = {0};
        SearchIndex rebuilt = indexes.openNextGeneration();
        rebuilt.loading(true);
        Map<Integer, Long> end = TopicReplay.replay(bootstrapServers, IndexFeeder.POSTS_TOPIC, "search-service-reindex",
                record -> {
                    try {
                        rebuilt.apply(READER.read(record));
                        applied[0]++;
                    } catch (PostEventReader.PoisonEvent e) {
                        skipped[0]++; // already dead-lettered by the live feed
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, n -> progress.progress(applied[0], skipped[0]));
        progress.progress(applied[0], skipped[0]);
        rebuilt.commit(end);
        rebuilt.awaitSearchable(5000);
        feeder.swapIn(rebuilt).get(60, TimeUnit.SECONDS);
    }
}
