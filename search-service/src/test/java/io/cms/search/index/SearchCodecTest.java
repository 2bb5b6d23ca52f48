package io.cms.search.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCodecTest {

    /** Texts from a few bytes to past two 16 KB chunks (stored in slices), multi-byte characters included. */
    private static List<String> texts() {
        Random random = new Random(7);
        List<String> out = new ArrayList<>();
        for (int length : new int[] {0, 1, 7, 300, 5_000, 16_383, 16_385, 40_000, 120_000, 12}) {
            StringBuilder s = new StringBuilder();
            while (s.length() < length) {
                s.append(random.nextBoolean() ? "人工知能の研究 " : "Jekyll plugins " + random.nextInt(1000) + " ");
            }
            out.add(s.substring(0, length));
        }
        return out;
    }

    @Test
    void storedTextReadsBackExactlyAfterReopenAndMerge(@TempDir Path dir) throws Exception {
        List<String> texts = texts();
        try (Directory d = FSDirectory.open(dir)) {
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setCodec(new SearchCodec()))) {
                for (int i = 0; i < texts.size(); i++) {
                    Document doc = new Document();
                    doc.add(new StoredField("n", i));
                    doc.add(new StoredField("text", texts.get(i)));
                    doc.add(new StoredField("after", "end-" + i));
                    w.addDocument(doc);
                    if (i % 3 == 2) {
                        w.commit(); // several segments, merged below
                    }
                }
                w.commit();
            }
            // A fresh reader finds the codec by the name the segments recorded (META-INF/services).
            assertReadsBack(d, texts);
            assertEquals(SearchCodec.NAME, SegmentInfos.readLatestCommit(d).info(0).info.getCodec().getName());
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setCodec(new SearchCodec()))) {
                w.forceMerge(1);
                w.commit();
            }
            assertReadsBack(d, texts);
        }
    }

    private static void assertReadsBack(Directory d, List<String> texts) throws Exception {
        try (DirectoryReader reader = DirectoryReader.open(d)) {
            assertEquals(texts.size(), reader.numDocs());
            for (LeafReaderContext leaf : reader.leaves()) {
                assertEquals(SearchCodec.NAME, ((SegmentReader) leaf.reader()).getSegmentInfo().info.getCodec().getName());
                StoredFields stored = leaf.reader().storedFields();
                // Backwards, so that no read relies on the position the previous one left.
                for (int doc = leaf.reader().maxDoc() - 1; doc >= 0; doc--) {
                    Document found = stored.document(doc);
                    int n = found.getField("n").numericValue().intValue();
                    assertEquals(texts.get(n), found.get("text"), "text of document " + n);
                    assertEquals("end-" + n, found.get("after"));
                }
            }
        }
    }
}
