package io.cms.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import io.cms.common.messaging.PostChangedEvent;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;

/**
 * The Lucene index: one document per post (a hidden one for a post that is not public, so its
 * version still orders later events). Changes become searchable through a reopen thread that
 * refreshes within milliseconds when a change is pending. Each commit records the Kafka offsets it
 * covers, so after a restart the feed resumes exactly there.
 */
public final class SearchIndex implements AutoCloseable {

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    /**
     * Whether changes arrive in bulk (a backlog, a rebuild) rather than one at a time. The two want
     * opposite refreshes. One at a time: the refresh opens what it flushed and leaves merging to the
     * background, and new small segments stay in memory until the next commit (every 2 s), so that
     * it creates no files. At 100 000 posts, a post written every 50 ms (RefreshLatencyProbe),
     * refresh p50 / p99: 22-24 / 62-87 ms merging, 7.4-7.9 / 57-71 without, 4.3-5.2 / 19-23 without
     * and cached. In bulk: each refresh first merges the small segments it can (up to 16 MB, waiting
     * up to 500 ms), and segments go straight to disk; feeding 30 000 posts (FeedRateProbe): 447
     * posts/s that way, 335 without merging, 296 without merging and cached.
     */
    private volatile boolean loading;

    private final Analyzer analyzer;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    /** Requests waiting for a version (in the service's wait room), and what to tell them after a refresh. */
    private volatile IntSupplier watchers = () -> 0;
    private volatile Runnable refreshed = () -> { };
    private volatile long lastGeneration;
    private final FacetOrdinals facets = new FacetOrdinals();

    static {
        SearchCodec.register();
    }

    public SearchIndex(Path dir, Analyzer analyzer) {
        this.analyzer = analyzer;
        this.path = dir;
        try {
            Files.createDirectories(dir);
            directory = IndexTuning.directory(dir, () -> loading);
            writer = new IndexWriter(directory, IndexTuning.writerConfig(analyzer, () -> loading));
            searchers = new SearcherManager(writer, new SlicedSearchers());
            searchers.addListener(new ReferenceManager.RefreshListener() {
                @Override
                public void beforeRefresh() {
                }

                @Override
                public void afterRefresh(boolean didRefresh) {
                    if (didRefresh) {
                        refreshed.run();
                    }
                }
            });
            loadVersions();
            reopener = new ControlledRealTimeReopenThread<>(writer, searchers, 0.05, 0.002);
            reopener.setName("search-reopen");
            reopener.setDaemon(true);
            reopener.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the search index in " + dir, e);
        }
    }

    /** Opens the index, or an empty one in place of one that cannot be used ({@link IndexFiles#openOrRecover}). */
    public static SearchIndex openOrRecover(Path dir, Analyzer analyzer) {
        return IndexFiles.openOrRecover(dir, analyzer);
    }

    public Path directoryPath() {
        return path;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /** Says whether changes now arrive in bulk (see {@link #loading}); they arrive one at a time until told. */
    public void loading(boolean bulk) {
        loading = bulk;
    }

    /** The version this index holds for a post (0 if it has never seen the post). */
    public long version(String id) {
        return versions.getOrDefault(id, 0L);
    }

    /** Applies an event if it is newer than what the index holds; returns whether it did. */
    public boolean apply(PostChangedEvent event) throws IOException {
        String id = event.id().toString();
        if (event.version() <= version(id)) {
            return false;
        }
        Document doc = PostDocument.FACETS.build(PostDocument.of(event));
        lastGeneration = writer.updateDocument(new Term(Fields.ID, id), doc);
        versions.put(id, event.version());
        return true;
    }

    /**
     * Called by the feed after each batch of changes. When a request waits for a change and changes
     * arrive one at a time, the batch is made searchable here and now, on the feed's thread, and only
     * then are the waiting requests woken: one thread hand-off on the way to the answer instead of
     * three (feed to request to reopen thread and back), each of which can wait for a core.
     */
    public void batchApplied() throws IOException {
        if (!loading && watchers.getAsInt() > 0) {
            searchers.maybeRefreshBlocking();
        }
    }

    /**
     * Lets requests that wait for a version count as waiting (so the feed makes each batch
     * searchable at once), and be told after every refresh, on the refreshing thread.
     */
    public void watch(IntSupplier waitingRequests, Runnable afterRefresh) {
        this.watchers = waitingRequests;
        this.refreshed = afterRefresh;
    }

    /** Waits until everything applied so far is searchable (or the timeout passes). */
    public boolean awaitSearchable(long timeoutMillis) throws InterruptedException {
        return reopener.waitForGeneration(lastGeneration, (int) timeoutMillis);
    }

    /**
     * The facet state of this searcher's reader, built on first use after a refresh and shared by
     * every search on that reader; null while the index has no facet values at all.
     */
    public SortedSetDocValuesReaderState facets(IndexSearcher searcher) throws IOException {
        return facets.of(searcher);
    }

    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    public void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Makes the index durable together with the Kafka offsets it covers. */
    public void commit(Map<Integer, Long> nextOffsets) throws IOException {
        writer.setLiveCommitData(IndexFiles.commitData(nextOffsets).entrySet());
        writer.commit();
    }

    /** The offsets of the last commit: partition → next offset to read. Empty for a new index. */
    public Map<Integer, Long> committedOffsets() throws IOException {
        return IndexFiles.committedOffsets(directory);
    }

    private void loadVersions() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            for (var leaf : s.getIndexReader().leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        Document d = stored.document(doc, java.util.Set.of(Fields.ID, Fields.VERSION));
                        versions.put(d.get(Fields.ID), d.getField(Fields.VERSION).numericValue().longValue());
                    }
                }
            }
        } finally {
            searchers.release(s);
        }
    }

    @Override
    public void close() throws IOException {
        reopener.close();
        searchers.close();
        writer.close();
        directory.close();
    }
}
