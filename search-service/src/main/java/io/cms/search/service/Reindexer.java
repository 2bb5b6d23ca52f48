package io.cms.search.service;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cms.common.messaging.RebuildJob;
import io.cms.common.messaging.Rebuildable;
import io.cms.search.index.IndexHolder;
import io.cms.search.index.SearchIndex;
import io.cms.search.messaging.IndexFeeder;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rebuilds the index from the beginning of {@code cms.posts} aside (the next generation), then hands
 * it to the feed, which continues it from where the rebuild stopped and swaps it in. Search keeps
 * answering from the old index until the moment of the swap.
 */
@Singleton
public class Reindexer extends Rebuildable {

    private final IndexHolder indexes;
    private final IndexFeeder feeder;
    private final String bootstrapServers;

    Reindexer(IndexHolder indexes, IndexFeeder feeder,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        super("search-service-reindex");
        this.indexes = indexes;
        this.feeder = feeder;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    protected void run(RebuildJob progress) throws Exception {
        SearchIndex rebuilt = indexes.openNextGeneration();
        rebuilt.loading(true);
        Map<Integer, Long> end = replay(bootstrapServers, IndexFeeder.POSTS_TOPIC, progress, false, rebuilt::apply);
        rebuilt.commit(end);
        rebuilt.awaitSearchable(5000);
        feeder.swapIn(rebuilt).get(60, TimeUnit.SECONDS);
    }
}
