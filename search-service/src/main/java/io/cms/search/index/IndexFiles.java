package io.cms.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jboss.logging.Logger;

/**
 * The index on disk: which layout it was written with, what its commits record (the Kafka offsets
 * they cover), and recovery from an index that cannot be used.
 */
final class IndexFiles {

    /**
     * Version of the index layout (fields, their options, analyzers). An index committed with another
     * one is rebuilt from {@code cms.posts} at start. 2: offsets in the postings of highlighted fields.
     * 4: stored fields uncompressed ({@link SearchCodec}). 5: drafts indexed for staff searches (visible
     * "draft", owner, status). 6: status indexed (staff searches of one status).
     */
    static final String SCHEMA = "6";
    private static final String SCHEMA_KEY = "cms.schema";
    private static final String OFFSETS = "kafka-offsets";

    private IndexFiles() {
    }

    /**
     * Opens the index; one that cannot be read (corrupt, or written by an incompatible Lucene) or that
     * has another layout is moved aside and replaced by an empty one, which the feed then rebuilds
     * from the beginning of {@code cms.posts} (readiness stays false until it has caught up).
     */
    static SearchIndex openOrRecover(Path dir, Analyzer analyzer) {
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

    /** What a commit records: the offsets it covers (partition → next offset) and the layout. */
    static Map<String, String> commitData(Map<Integer, Long> nextOffsets) {
        Map<String, String> data = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        nextOffsets.forEach((p, o) -> sb.append(p).append(':').append(o).append(','));
        data.put(OFFSETS, sb.toString());
        data.put(SCHEMA_KEY, SCHEMA);
        return data;
    }

    /** The offsets of the last commit: partition → next offset to read. Empty for a new index. */
    static Map<Integer, Long> committedOffsets(Directory directory) throws IOException {
        Map<Integer, Long> out = new HashMap<>();
        if (!DirectoryReader.indexExists(directory)) {
            return out;
        }
        List<IndexCommit> commits = DirectoryReader.listCommits(directory);
        String value = commits.get(commits.size() - 1).getUserData().get(OFFSETS);
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

    private static void moveAside(Path dir, String why) {
        Path aside = dir.resolveSibling(dir.getFileName() + ".unreadable-" + System.currentTimeMillis());
        Logger.getLogger(SearchIndex.class).errorf(
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
}
