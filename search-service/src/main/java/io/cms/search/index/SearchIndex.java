package io.cms.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import io.cms.search.messaging.PostEvent;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MergeTrigger;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.Bits;

/**
 * The Lucene index: one document per post (a hidden one for a post that is not public, so its
 * version still orders later events). Changes become searchable through a reopen thread that
 * refreshes within milliseconds when a change is pending. Each commit records the Kafka offsets it
 * covers, so after a restart the feed resumes exactly there.
 */
public final class SearchIndex implements AutoCloseable {

    private static final String OFFSETS = "kafka-offsets";

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    /**
     * Version of the index layout (fields, their options, analyzers). An index committed with another
     * one is rebuilt from {@code cms.posts} at start. 2: offsets in the postings of highlighted fields.
     * 4: stored fields uncompressed ({@link SearchCodec}).
     */
    static final String SCHEMA = "4";
    private static final String SCHEMA_KEY = "cms.schema";

    /** Largest new segment (flushed or merged) kept in memory until commit, and the cache's bound. */
    private static final double NRT_CACHE_MAX_MERGE_MB = 4;
    private static final double NRT_CACHE_MAX_MB = 16;
    /** Largest segments a refresh merges before it opens the new reader, while loading (see {@link #loading}). */
    private static final long REFRESH_MERGE_MAX_BYTES = 16L << 20;

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
    private volatile FacetState facetState;

    /** Facet ordinals of one reader; building them walks every document, so they are built once per reader. */
    private record FacetState(org.apache.lucene.index.IndexReader reader,
            org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState state) {
    }

    static {
        SearchCodec.register();
    }

    public SearchIndex(Path dir, Analyzer analyzer) {
        this.analyzer = analyzer;
        this.path = dir;
        try {
            Files.createDirectories(dir);
            directory = new NRTCachingDirectory(FSDirectory.open(dir), NRT_CACHE_MAX_MERGE_MB, NRT_CACHE_MAX_MB) {
                @Override
                protected boolean doCacheWrite(String name, IOContext context) {
                    return !loading && super.doCacheWrite(name, context);
                }
            };
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCodec(new SearchCodec())
                    .setRAMBufferSizeMB(32)
                    // Near-real-time refreshes flush a tiny segment per change, soon merged away: packing
                    // each into a compound file first was 2-3 % of the service's CPU under a write stream.
                    .setUseCompoundFile(false)
                    .setMergePolicy(mergePolicy());
            writer = new IndexWriter(directory, config);
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

    /**
     * Few segments of similar size: every query pays a term lookup per field and segment (7-9 fields
     * a term), so at 100 000 posts 9 segments cost a query about twice the time of 2. Segments are
     * kept no larger than the index divided by the cores (target search concurrency), so that the
     * searcher still has one slice of about equal size per core. Costs more merging while indexing.
     */
    private TieredMergePolicy mergePolicy() {
        TieredMergePolicy policy = new TieredMergePolicy() {
            @Override
            public MergeSpecification findFullFlushMerges(MergeTrigger trigger,
                    SegmentInfos infos, MergeContext context) throws IOException {
                return loading ? super.findFullFlushMerges(trigger, infos, context) : null;
            }

            @Override
            protected long maxFullFlushMergeSize() {
                return REFRESH_MERGE_MAX_BYTES;
            }
        };
        policy.setSegmentsPerTier(3);
        policy.setFloorSegmentMB(64);
        policy.setTargetSearchConcurrency(Runtime.getRuntime().availableProcessors());
        return policy;
    }

    /**
     * Opens the index; one that cannot be read (corrupt, or written by an incompatible Lucene) is
     * moved aside and replaced by an empty one, which the feed then rebuilds from the beginning of
     * {@code cms.posts} (readiness stays false until it has caught up).
     */
    public static SearchIndex openOrRecover(Path dir, Analyzer analyzer) {
        String schema = committedSchema(dir);
        if (schema != null && !schema.equals(SCHEMA)) {
            moveAside(dir, "written with index schema " + schema + ", this version uses " + SCHEMA);
            return new SearchIndex(dir, analyzer);
        }
        try {
            return new SearchIndex(dir, analyzer);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof org.apache.lucene.index.CorruptIndexException
                    || e.getCause() instanceof org.apache.lucene.index.IndexFormatTooOldException
                    || e.getCause() instanceof org.apache.lucene.index.IndexFormatTooNewException
                    || e.getCause() instanceof java.nio.file.NoSuchFileException
                    || e.getCause() instanceof java.io.EOFException)) {
                throw e;
            }
            moveAside(dir, "it cannot be read: " + e.getCause());
            return new SearchIndex(dir, analyzer);
        }
    }

    private static void moveAside(Path dir, String why) {
        Path aside = dir.resolveSibling(dir.getFileName() + ".unreadable-" + System.currentTimeMillis());
        org.jboss.logging.Logger.getLogger(SearchIndex.class).errorf(
                "The search index in %s is not usable (%s); moved to %s, rebuilding from cms.posts", dir, why, aside);
        try {
            Files.move(dir, aside);
        } catch (IOException moveFailed) {
            throw new UncheckedIOException("Could not move the unusable index aside", moveFailed);
        }
    }

    /** The schema an existing index was committed with ("1" for indexes from before it was recorded); null if none. */
    private static String committedSchema(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Directory d = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(d)) {
                return null;
            }
            List<IndexCommit> commits = DirectoryReader.listCommits(d);
            return commits.get(commits.size() - 1).getUserData().getOrDefault(SCHEMA_KEY, "1");
        } catch (IOException e) {
            return null; // unreadable: the normal open finds out and recovers
        }
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
    public boolean apply(PostEvent event) throws IOException {
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
    public org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState facets(IndexSearcher searcher)
            throws IOException {
        FacetState cached = facetState;
        if (cached != null && cached.reader() == searcher.getIndexReader()) {
            return cached.state();
        }
        synchronized (this) {
            cached = facetState;
            if (cached != null && cached.reader() == searcher.getIndexReader()) {
                return cached.state();
            }
            org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState state;
            try {
                state = new org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState(
                        searcher.getIndexReader(), PostDocument.FACETS);
            } catch (IllegalArgumentException noFacetsYet) {
                return null;
            }
            facetState = new FacetState(searcher.getIndexReader(), state);
            return state;
        }
    }

    public IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    public void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Makes the index durable together with the Kafka offsets it covers. */
    public void commit(Map<Integer, Long> nextOffsets) throws IOException {
        Map<String, String> data = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        nextOffsets.forEach((p, o) -> sb.append(p).append(':').append(o).append(','));
        data.put(OFFSETS, sb.toString());
        data.put(SCHEMA_KEY, SCHEMA);
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
    }

    /** The offsets of the last commit: partition → next offset to read. Empty for a new index. */
    public Map<Integer, Long> committedOffsets() throws IOException {
        Map<Integer, Long> out = new HashMap<>();
        if (!DirectoryReader.indexExists(directory)) {
            return out;
        }
        String value = DirectoryReader.listCommits(directory).get(DirectoryReader.listCommits(directory).size() - 1)
                .getUserData().get(OFFSETS);
        if (value != null) {
            for (String pair : value.split(",")) {
                if (!pair.isBlank()) {
                    String[] kv = pair.split(":");
                    out.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
                }
            }
        }
        return out;
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
