package io.cms.search.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class FacetCountingTest {

    private static final FacetsConfig CONFIG = new FacetsConfig();

    static {
        CONFIG.setMultiValued("tag", true);
    }

    @Test
    void countsAndOrderAreLucenesOverManySegmentsSearchedInParallel() throws Exception {
        assertSameAsLucene(4);
    }

    @Test
    void countsAndOrderAreLucenesInOneSegment() throws Exception {
        assertSameAsLucene(1);
    }

    private static void assertSameAsLucene(int segments) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
                for (int i = 0; i < 400; i++) {
                    Document d = new Document();
                    d.add(new StringField("kind", i % 3 == 0 ? "a" : "b", Field.Store.NO));
                    // Tags with equal counts (ties), two per document; authors on some documents only.
                    d.add(new SortedSetDocValuesFacetField("tag", "t" + i % 30));
                    d.add(new SortedSetDocValuesFacetField("tag", "u" + i % 7));
                    if (i % 5 == 0) {
                        d.add(new SortedSetDocValuesFacetField("author", "writer " + i % 4));
                    }
                    w.addDocument(CONFIG.build(d));
                    if ((i + 1) % (400 / segments) == 0) {
                        w.commit();
                    }
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(segments, reader.leaves().size());
                IndexSearcher searcher = new IndexSearcher(reader, pool) {
                    @Override
                    protected LeafSlice[] slices(List<org.apache.lucene.index.LeafReaderContext> leaves) {
                        return leaves.stream().map(l -> new LeafSlice(new java.util.ArrayList<>(List.of(l))))
                                .toArray(LeafSlice[]::new);
                    }
                };
                var state = new DefaultSortedSetDocValuesReaderState(reader, CONFIG);
                for (Query q : List.of(new MatchAllDocsQuery(), new TermQuery(new Term("kind", "a")),
                        new TermQuery(new Term("kind", "none")))) {
                    FacetsCollector lucene = searcher.search(q, new FacetsCollectorManager());
                    var luceneCounts = new SortedSetDocValuesFacetCounts(state, lucene);
                    FacetCounting.Counts ours = searcher.search(q, new FacetCounting(state));
                    for (String dim : List.of("tag", "author")) {
                        assertEquals(expected(luceneCounts.getTopChildren(20, dim)), ours.top(dim, 20), q + " " + dim);
                    }
                    assertEquals(List.of(), ours.top("category", 20), "a dimension no document has");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<SearchResult.FacetValue> expected(FacetResult result) {
        return result == null ? List.of()
                : Arrays.stream(result.labelValues).map(l -> new SearchResult.FacetValue(l.label, l.value.longValue())).toList();
    }

    @Test
    void anIndexWithoutFacetValuesCountsNothing() throws Exception {
        FacetCounting none = new FacetCounting(null);
        FacetCounting.Counts counts = none.reduce(List.of(none.newCollector(), none.newCollector()));
        assertEquals(List.of(), counts.top("tag", 20));
    }
}
