package io.cms.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class SlicedSearchersTest {

    @Test
    void slicesHoldAboutEqualDocumentCounts() throws Exception {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
                for (int size : new int[] {26, 43, 1, 30}) {
                    for (int i = 0; i < size; i++) {
                        w.addDocument(new Document());
                    }
                    w.commit();
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                List<LeafReaderContext> leaves = reader.leaves();
                IndexSearcher.LeafSlice[] slices = SlicedSearchers.balanced(leaves, 2);

                // Filling each slice up to the average would give 73 and 27.
                int[] docs = Arrays.stream(slices).mapToInt(s -> Arrays.stream(s.leaves).mapToInt(l -> l.reader().maxDoc()).sum())
                        .sorted().toArray();
                assertEquals(44, docs[0]);
                assertEquals(56, docs[1]);
                assertEquals(leaves.size(), Arrays.stream(slices).mapToInt(s -> s.leaves.length).sum());
                assertEquals(1, SlicedSearchers.balanced(leaves.subList(0, 1), 2).length);
            }
        }
    }

    @Test
    void termLookupsRunOnTheCallingThreadNotThePool() throws Exception {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                for (int i = 0; i < SlicedSearchers.MIN_DOCS_TO_SLICE; i++) {
                    w.addDocument(new Document());
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new SlicedSearchers().newSearcher(reader, null);
                // Lucene's TermStates.build hands each segment's lookup to this executor.
                List<Callable<Thread>> lookups = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    lookups.add(() -> {
                        Thread.sleep(20); // long enough for a pool thread to take the next one
                        return Thread.currentThread();
                    });
                }
                assertEquals(List.of(Thread.currentThread()), searcher.getTaskExecutor().invokeAll(lookups).stream()
                        .distinct().toList());
            }
        }
    }
}
