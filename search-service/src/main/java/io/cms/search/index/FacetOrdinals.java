package io.cms.search.index;

import java.io.IOException;

import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;

/** Facet ordinals of the current reader: building them walks every document, so they are built once per reader. */
final class FacetOrdinals {

    private record State(IndexReader reader, SortedSetDocValuesReaderState state) {
    }

    private volatile State current;

    /** The state of this searcher's reader, built on first use after a refresh; null while no post has a facet value. */
    SortedSetDocValuesReaderState of(IndexSearcher searcher) throws IOException {
        State cached = current;
        if (cached != null && cached.reader() == searcher.getIndexReader()) {
            return cached.state();
        }
        synchronized (this) {
            cached = current;
            if (cached != null && cached.reader() == searcher.getIndexReader()) {
                return cached.state();
            }
            SortedSetDocValuesReaderState state;
            try {
                state = new DefaultSortedSetDocValuesReaderState(searcher.getIndexReader(), PostDocument.FACETS);
            } catch (IllegalArgumentException noFacetsYet) {
                return null;
            }
            current = new State(searcher.getIndexReader(), state);
            return state;
        }
    }
}
