package io.cms.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cms.common.messaging.PostChangedEvent;
import org.apache.lucene.index.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexTest {

    private static PostChangedEvent post(UUID id, long version, String status) {
        return new PostChangedEvent(id, "slug", "題名", "本文", null, null, List.of(), List.of(), "ja", null,
                status, OffsetDateTime.parse("2024-01-01T00:00:00Z"), null, null, version, Map.of(), false, List.of(), null, null);
    }

    @Test
    void versionsAndOffsetsSurviveARestart(@TempDir Path dir) throws Exception {
        UUID id = UUID.randomUUID();
        try (SearchIndex index = new SearchIndex(dir.resolve("idx"), Analyzers.perField(Optional.empty()))) {
            assertTrue(index.apply(post(id, 2, "published")));
            assertFalse(index.apply(post(id, 1, "published")), "older versions are ignored");
            assertFalse(index.apply(post(id, 2, "published")), "duplicates are ignored");
            index.commit(Map.of(0, 17L, 2, 5L));
        }
        try (SearchIndex index = new SearchIndex(dir.resolve("idx"), Analyzers.perField(Optional.empty()))) {
            assertEquals(2, index.version(id.toString()));
            assertEquals(Map.of(0, 17L, 2, 5L), index.committedOffsets());
        }
    }

    @Test
    void aCommitPutsOnDiskWhatRefreshesKeptInMemory(@TempDir Path dir) throws Exception {
        UUID id = UUID.randomUUID();
        try (SearchIndex index = new SearchIndex(dir.resolve("idx"), Analyzers.perField(Optional.empty()))) {
            index.apply(post(id, 3, "published"));
            assertTrue(index.awaitSearchable(5000));
            index.commit(Map.of(0, 9L));
            // Read from the files alone, the writer still open (as after a crash right after the commit).
            try (var disk = org.apache.lucene.store.FSDirectory.open(dir.resolve("idx"));
                    var reader = org.apache.lucene.index.DirectoryReader.open(disk)) {
                assertEquals(1, reader.docFreq(new Term(Fields.ID, id.toString())));
                assertEquals("0:9,", reader.getIndexCommit().getUserData().get("kafka-offsets"));
            }
        }
    }

    @Test
    void aBatchSomeoneWaitsForIsSearchableWhenTheFeedIsDoneWithIt(@TempDir Path dir) throws Exception {
        UUID id = UUID.randomUUID();
        try (SearchIndex index = new SearchIndex(dir.resolve("idx"), Analyzers.perField(Optional.empty()))) {
            java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
            index.watch(() -> 1, told::incrementAndGet);
            index.apply(post(id, 1, "published"));
            index.batchApplied();
            // Searchable already, not at the reopen thread's next round (up to 50 ms later).
            var searcher = index.acquire();
            try {
                assertEquals(1, searcher.getIndexReader().docFreq(new Term(Fields.ID, id.toString())));
            } finally {
                index.release(searcher);
            }
            assertTrue(told.get() >= 1, "the waiting requests were told of the refresh");
        }
    }

    @Test
    void anUnreadableIndexIsMovedAsideAndStartedAfresh(@TempDir Path dir) throws Exception {
        Path idx = dir.resolve("idx");
        try (SearchIndex index = new SearchIndex(idx, Analyzers.perField(Optional.empty()))) {
            index.apply(post(UUID.randomUUID(), 1, "published"));
            index.commit(Map.of(0, 1L));
        }
        try (var files = Files.list(idx)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        try (SearchIndex index = SearchIndex.openOrRecover(idx, Analyzers.perField(Optional.empty()))) {
            assertEquals(Map.of(), index.committedOffsets(), "a fresh index starts from the beginning of the topic");
        }
        try (var siblings = Files.list(dir)) {
            assertTrue(siblings.anyMatch(p -> p.getFileName().toString().startsWith("idx.unreadable-")));
        }
    }

    @Test
    void anIndexOfAnOlderLayoutIsSetAsideAndRebuilt(@TempDir Path dir) throws Exception {
        Path idx = dir.resolve("idx");
        // An index as the previous layout committed it: no schema in its commit data.
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(idx);
                org.apache.lucene.index.IndexWriter w = new org.apache.lucene.index.IndexWriter(d,
                        new org.apache.lucene.index.IndexWriterConfig())) {
            w.addDocument(new org.apache.lucene.document.Document());
            w.commit();
        }
        try (SearchIndex index = SearchIndex.openOrRecover(idx, Analyzers.perField(Optional.empty()))) {
            assertEquals(Map.of(), index.committedOffsets(), "a fresh index: the feed starts from the beginning");
            index.commit(Map.of(0, 3L));
        }
        try (java.util.stream.Stream<Path> siblings = java.nio.file.Files.list(dir)) {
            assertEquals(1, siblings.filter(p -> p.getFileName().toString().startsWith("idx.unreadable-")).count());
        }
        try (SearchIndex index = SearchIndex.openOrRecover(idx, Analyzers.perField(Optional.empty()))) {
            assertEquals(Map.of(0, 3L), index.committedOffsets(), "an index of the current layout is kept");
        }
    }
}
