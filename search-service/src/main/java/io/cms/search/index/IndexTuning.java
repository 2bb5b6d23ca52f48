package io.cms.search.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MergeTrigger;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.NRTCachingDirectory;

/**
 * How the index writes: its directory, segment sizes and merges, tuned for the two ways changes
 * arrive ({@code loading}: in bulk, or one at a time; see {@link SearchIndex}).
 */
final class IndexTuning {

    /** Largest new segment (flushed or merged) kept in memory until commit, and the cache's bound. */
    private static final double NRT_CACHE_MAX_MERGE_MB = 4;
    private static final double NRT_CACHE_MAX_MB = 16;
    /** Largest segments a refresh merges before it opens the new reader, while loading. */
    private static final long REFRESH_MERGE_MAX_BYTES = 16L << 20;

    private IndexTuning() {
    }

    /** New small segments stay in memory until commit while changes come one at a time; in bulk they go to disk. */
    static Directory directory(Path dir, BooleanSupplier loading) throws IOException {
        return new NRTCachingDirectory(FSDirectory.open(dir), NRT_CACHE_MAX_MERGE_MB, NRT_CACHE_MAX_MB) {
            @Override
            protected boolean doCacheWrite(String name, IOContext context) {
                return !loading.getAsBoolean() && super.doCacheWrite(name, context);
            }
        };
    }

    static IndexWriterConfig writerConfig(Analyzer analyzer, BooleanSupplier loading) {
        return new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(new SearchCodec())
                .setRAMBufferSizeMB(32)
                // Near-real-time refreshes flush a tiny segment per change, soon merged away: packing
                // each into a compound file first was 2-3 % of the service's CPU under a write stream.
                .setUseCompoundFile(false)
                .setMergePolicy(mergePolicy(loading));
    }

    /**
     * Few segments of similar size: every query pays a term lookup per field and segment (7-9 fields
     * a term), so at 100 000 posts 9 segments cost a query about twice the time of 2. Segments are
     * kept no larger than the index divided by the cores (target search concurrency), so that the
     * searcher still has one slice of about equal size per core. Costs more merging while indexing.
     */
    private static TieredMergePolicy mergePolicy(BooleanSupplier loading) {
        TieredMergePolicy policy = new TieredMergePolicy() {
            @Override
            public MergeSpecification findFullFlushMerges(MergeTrigger trigger,
                    SegmentInfos infos, MergeContext context) throws IOException {
                return loading.getAsBoolean() ? super.findFullFlushMerges(trigger, infos, context) : null;
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
}
