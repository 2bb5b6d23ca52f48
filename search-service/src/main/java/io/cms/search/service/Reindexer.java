package io.cms.search.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.cms.common.messaging.PostEventReader;
import io.cms.common.messaging.TopicReplay;
import io.cms.search.index.IndexHolder;
import io.cms.search.index.SearchIndex;
import io.cms.search.messaging.IndexFeeder;
import io.cms.search.messaging.PostEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds the index from the beginning of {@code cms.posts} aside (the next generation), then hands
 * it to the feed, which continues it from where the rebuild stopped and swaps it in. Search keeps
 * answering from the old index until the moment of the swap.
 */
@ApplicationScoped
public class Reindexer {

    private static final Logger LOG = Logger.getLogger(Reindexer.class);
    private static final PostEventReader<PostEvent> READER = new PostEventReader<>(PostEvent.class);

    /** The state of the last rebuild. */
    public record Status(String state, OffsetDateTime startedAt, OffsetDateTime finishedAt, long applied, String error) {
    }

    private final IndexHolder indexes;
    private final IndexFeeder feeder;
    private final String bootstrapServers;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status("idle", null, null, 0, null));

    Reindexer(IndexHolder indexes, IndexFeeder feeder,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.indexes = indexes;
        this.feeder = feeder;
        this.bootstrapServers = bootstrapServers;
    }

    public Status status() {
        return status.get();
    }

    public synchronized Status start() {
        if ("running".equals(status.get().state())) {
            return status.get();
        }
        status.set(new Status("running", now(), null, 0, null));
        Thread t = new Thread(this::run, "search-reindex");
        t.setDaemon(true);
        t.start();
        return status.get();
    }

    private void run() {
        OffsetDateTime started = status.get().startedAt();
        long[] applied = {0};
        try {
            SearchIndex rebuilt = indexes.openNextGeneration();
            Map<Integer, Long> end = TopicReplay.replay(bootstrapServers, IndexFeeder.POSTS_TOPIC,
                    "search-service-reindex", record -> {
                        try {
                            rebuilt.apply(READER.read(record));
                            applied[0]++;
                        } catch (PostEventReader.PoisonEvent e) {
                            // already dead-lettered by the live feed
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, n -> status.set(new Status("running", started, null, applied[0], null)));
            rebuilt.commit(end);
            rebuilt.awaitSearchable(5000);
            feeder.swapIn(rebuilt).get(60, TimeUnit.SECONDS);
            status.set(new Status("done", started, now(), applied[0], null));
            LOG.infof("Search index rebuilt from cms.posts: %d events applied", applied[0]);
        } catch (Exception e) {
            LOG.error("Search index rebuild failed", e);
            status.set(new Status("failed", started, now(), applied[0], String.valueOf(e.getMessage())));
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
