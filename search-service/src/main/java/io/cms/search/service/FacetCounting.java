package io.cms.search.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.LongValues;

/**
 * Counts the facet values of every match while the query runs, in each slice's own thread, into
 * one array per slice that are added up at the end. Lucene's FacetsCollector first records the
 * matches in a bit set per segment and counts them afterwards on the calling thread: for a query
 * matching 77 000 of 100 000 posts that was about a millisecond on one core after the parallel part,
 * plus the bit sets.
 * <p>
 * Counts and their order are those of Lucene's SortedSetDocValuesFacetCounts: highest count
 * first, equal counts in value order.
 */
final class FacetCounting implements CollectorManager<FacetCounting.Counter, FacetCounting.Counts> {

    private final SortedSetDocValuesReaderState state;
    /** The whole reader's values: labels of global ordinals, and the segments' ordinals mapped to them. */
    private final SortedSetDocValues all;
    private final OrdinalMap ordinals;

    /** @param state the facet ordinals of the searcher's reader; null if it has no facet values */
    FacetCounting(SortedSetDocValuesReaderState state) throws IOException {
        this.state = state;
        this.all = state == null ? null : state.getDocValues();
        this.ordinals = all instanceof MultiDocValues.MultiSortedSetDocValues multi ? multi.mapping : null;
    }

    @Override
    public Counter newCollector() {
        return new Counter(state == null ? new int[0] : new int[state.getSize()]);
    }

    @Override
    public Counts reduce(Collection<Counter> counters) {
        int[] total = new int[state == null ? 0 : state.getSize()];
        for (Counter c : counters) {
            for (int i = 0; i < total.length; i++) {
                total[i] += c.counts[i];
            }
        }
        return new Counts(state, all, total);
    }

    /** Counts of one slice. */
    final class Counter extends SimpleCollector {
        private final int[] counts;
        private SortedSetDocValues values;
        private LongValues toGlobal;

        Counter(int[] counts) {
            this.counts = counts;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = state == null ? null : DocValues.getSortedSet(context.reader(), state.getField());
            toGlobal = ordinals == null ? LongValues.IDENTITY : ordinals.getGlobalOrds(context.ord);
        }

        @Override
        public void collect(int doc) throws IOException {
            if (values != null && values.advanceExact(doc)) {
                for (int i = values.docValueCount(); i > 0; i--) {
                    counts[(int) toGlobal.get(values.nextOrd())]++;
                }
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    /** The counts of a whole search. */
    static final class Counts {
        private final SortedSetDocValuesReaderState state;
        private final SortedSetDocValues labels;
        private final int[] counts;

        Counts(SortedSetDocValuesReaderState state, SortedSetDocValues labels, int[] counts) {
            this.state = state;
            this.labels = labels;
            this.counts = counts;
        }

        /** Up to {@code limit} values of a dimension with their counts, highest first (empty if none). */
        List<SearchResult.FacetValue> top(String dim, int limit) throws IOException {
            SortedSetDocValuesReaderState.OrdRange range = state == null ? null : state.getOrdRange(dim);
            if (range == null) {
                return List.of();
            }
            List<Integer> ords = new ArrayList<>();
            for (int ord = range.start; ord <= range.end; ord++) {
                if (counts[ord] > 0) {
                    ords.add(ord);
                }
            }
            ords.sort((a, b) -> counts[a] != counts[b] ? Integer.compare(counts[b], counts[a]) : Integer.compare(a, b));
            List<SearchResult.FacetValue> out = new ArrayList<>();
            for (int ord : ords.subList(0, Math.min(limit, ords.size()))) {
                String[] path = FacetsConfig.stringToPath(labels.lookupOrd(ord).utf8ToString());
                out.add(new SearchResult.FacetValue(path[1], counts[ord]));
            }
            return out;
        }
    }
}
