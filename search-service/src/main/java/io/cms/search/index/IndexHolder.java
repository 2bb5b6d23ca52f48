package io.cms.search.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.jboss.logging.Logger;

/**
 * The index searches and the feed use right now. Indexes live in generations under the index
 * directory ({@code gen-1}, {@code gen-2}, …): a rebuild fills the next generation aside and swaps it
 * in, so search never goes offline; at start the newest generation is opened.
 */
public final class IndexHolder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IndexHolder.class);

    private final Path base;
    private final Analyzer analyzer;
    private final AtomicReference<SearchIndex> current = new AtomicReference<>();
    private final AtomicReference<Path> currentDir = new AtomicReference<>();
    private volatile IntSupplier watchers = () -> 0;
    private volatile Runnable refreshed = () -> { };

    public IndexHolder(Path base, Optional<Path> userDictionary) throws IOException {
        this.base = base;
        this.analyzer = Analyzers.perField(userDictionary);
        Files.createDirectories(base);
        int latest = latestGeneration();
        Path dir = base.resolve("gen-" + Math.max(1, latest));
        currentDir.set(dir);
        current.set(SearchIndex.openOrRecover(dir, analyzer));
    }

    public SearchIndex current() {
        return current.get();
    }

    /** See {@link SearchIndex#watch}; holds for the indexes swapped in later too. */
    public void watch(IntSupplier waitingRequests, Runnable afterRefresh) {
        this.watchers = waitingRequests;
        this.refreshed = afterRefresh;
        current.get().watch(waitingRequests, afterRefresh);
    }

    /** A new, empty index in the next generation's directory, for a rebuild. */
    public SearchIndex openNextGeneration() throws IOException {
        Path dir = base.resolve("gen-" + (latestGeneration() + 1));
        return new SearchIndex(dir, analyzer);
    }

    /** Makes {@code next} the current index; the old one is closed and deleted once searches left it. */
    public void swap(SearchIndex next) {
        next.watch(watchers, refreshed);
        SearchIndex old = current.getAndSet(next);
        // What the new index serves is what waiting requests should look at now.
        refreshed.run();
        Path oldDir = currentDir.getAndSet(next.directoryPath());
        Thread reaper = new Thread(() -> {
            try {
                Thread.sleep(30_000);
                old.close();
                try (Stream<Path> files = Files.walk(oldDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (Exception e) {
                LOG.warnf("Could not remove the replaced index %s: %s", oldDir, e.getMessage());
            }
        }, "index-reaper");
        reaper.setDaemon(true);
        reaper.start();
    }

    private int latestGeneration() throws IOException {
        try (Stream<Path> dirs = Files.list(base)) {
            return dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("gen-\\d+"))
                    .mapToInt(n -> Integer.parseInt(n.substring(4))).max().orElse(0);
        }
    }

    @Override
    public void close() throws IOException {
        current.get().close();
    }
}
