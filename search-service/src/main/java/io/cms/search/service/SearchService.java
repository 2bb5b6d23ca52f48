package io.cms.search.service;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cms.search.index.Fields;
import io.cms.search.index.IndexHolder;
import io.cms.search.index.SearchIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/** Runs searches against the current index snapshot. */
@ApplicationScoped
public class SearchService {

    private static final Set<String> STORED = Set.of(Fields.ID, Fields.SLUG, Fields.TITLE, Fields.EXCERPT,
            Fields.PUBLISHED_AT, Fields.TAG, Fields.LANG, Fields.STATUS);
    /**
     * What a hit needs, highlight sources included: one stored-fields read per hit. Reading the
     * highlight sources separately decompressed every hit's block twice (a quarter of a search's time).
     */
    private static final Set<String> STORED_WITH_TEXT = java.util.stream.Stream.concat(STORED.stream(),
            Highlights.SOURCES.values().stream().flatMap(Arrays::stream)).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Sort NEWEST_FIRST = new Sort(new SortField(Fields.PUBLISHED_AT, SortField.Type.LONG, true));

    /** Values listed per facet. */
    private static final int FACET_VALUES = 20;

    private final IndexHolder indexes;
    private final QueryFactory queries;

    SearchService(IndexHolder indexes) {
        this.indexes = indexes;
        this.queries = new QueryFactory(indexes.current().analyzer());
    }

    public SearchResult search(SearchRequest r) throws IOException {
        SearchIndex index = indexes.current();
        IndexSearcher searcher = index.acquire();
        try {
            return search(r, index, searcher);
        } finally {
            index.release(searcher);
        }
    }

    /** A search on a searcher the caller acquired from {@code index} (and releases). */
    public SearchResult search(SearchRequest r, SearchIndex index, IndexSearcher searcher) throws IOException {
        List<UserQuery.Term> terms = UserQuery.parse(r.q());
        Query text = queries.build(terms);
        if (!terms.isEmpty() && text == null) {
            return new SearchResult(0, r.page(), r.limit(), List.of(), Map.of());
        }
        Query query = filtered(text == null ? new MatchAllDocsQuery() : text, r);
        int n = r.page() * r.limit();
        // Collector managers let the searcher run the segments' slices in parallel. Every match is
        // collected (exact total, facets of the whole result), so no hit-count threshold.
        CollectorManager<?, ? extends TopDocs> best = r.byDate() || text == null
                ? new TopFieldCollectorManager(NEWEST_FIRST, n, null, Integer.MAX_VALUE, true)
                : new TopScoreDocCollectorManager(n, null, Integer.MAX_VALUE, true);
        Object[] results = searcher.search(query, new MultiCollectorManager(best, new FacetCounting(index.facets(searcher))));
        TopDocs top = (TopDocs) results[0];
        FacetCounting.Counts facets = (FacetCounting.Counts) results[1];
        long total = top.totalHits.value;
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, Math.min(top.scoreDocs.length, (r.page() - 1) * r.limit()),
                top.scoreDocs.length);
        List<SearchResult.Hit> hits = hits(searcher, page, text, index, r.scope() != null && r.scope().drafts());
        return new SearchResult(total, r.page(), r.limit(), hits, facets(facets));
    }

    /** Up to 10 titles of searchable posts with a word that starts with the prefix, newest first. */
    public List<String> suggest(String prefix) throws IOException {
        String p = java.text.Normalizer.normalize(prefix == null ? "" : prefix.strip(), java.text.Normalizer.Form.NFKC)
                .toLowerCase(java.util.Locale.ROOT);
        if (p.isEmpty() || p.length() > 30 || p.contains(" ")) {
            return List.of();
        }
        Query q = new BooleanQuery.Builder().add(new TermQuery(new Term(Fields.SUGGEST, p)), Occur.MUST)
                .add(new TermQuery(new Term(Fields.VISIBLE, "true")), Occur.FILTER).build();
        SearchIndex index = indexes.current();
        IndexSearcher searcher = index.acquire();
        try {
            TopDocs top = searcher.search(q, 10, NEWEST_FIRST);
            List<String> titles = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                String title = searcher.storedFields().document(sd.doc, Set.of(Fields.TITLE)).get(Fields.TITLE);
                if (!titles.contains(title)) {
                    titles.add(title);
                }
            }
            return titles;
        } finally {
            index.release(searcher);
        }
    }

    /** The version of a post that search holds and serves, if it is searchable. */
    public Optional<Long> indexedVersion(String id) throws IOException {
        SearchIndex index = indexes.current();
        IndexSearcher searcher = index.acquire();
        try {
            Query q = new BooleanQuery.Builder().add(new TermQuery(new Term(Fields.ID, id)), Occur.MUST)
                    .add(new TermQuery(new Term(Fields.VISIBLE, "true")), Occur.FILTER).build();
            TopDocs top = searcher.search(q, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Document d = searcher.storedFields().document(top.scoreDocs[0].doc, Set.of(Fields.VERSION));
            return Optional.of(d.getField(Fields.VERSION).numericValue().longValue());
        } finally {
            index.release(searcher);
        }
    }

    private static Query filtered(Query text, SearchRequest r) {
        // Every document says visible true or false, and few say false: excluding those skips along a
        // short list, where a filter on "true" stepped through every match once more (a fifth of a
        // broad query's matching time).
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, Occur.MUST)
                .add(new TermQuery(new Term(Fields.VISIBLE, "false")), Occur.MUST_NOT);
        SearchRequest.Scope scope = r.scope() == null ? SearchRequest.Scope.PUBLISHED : r.scope();
        if (!scope.drafts()) {
            b.add(new TermQuery(new Term(Fields.VISIBLE, "draft")), Occur.MUST_NOT);
        } else if (scope.ownerId() != null) {
            b.add(new BooleanQuery.Builder().add(new TermQuery(new Term(Fields.VISIBLE, "true")), Occur.SHOULD)
                    .add(new TermQuery(new Term(Fields.OWNER, scope.ownerId())), Occur.SHOULD).build(), Occur.FILTER);
        }
        filter(b, Fields.STATUS, scope.status());
        filter(b, Fields.TAG, r.tag());
        filter(b, Fields.CATEGORY, r.category());
        filter(b, Fields.AUTHOR, r.author());
        filter(b, Fields.LANG, r.lang() == null ? null : r.lang().toLowerCase(java.util.Locale.ROOT));
        if (r.from() != null || r.to() != null) {
            long from = r.from() == null ? Long.MIN_VALUE : r.from().toInstant().toEpochMilli();
            long to = r.to() == null ? Long.MAX_VALUE : r.to().toInstant().toEpochMilli();
            b.add(LongPoint.newRangeQuery(Fields.PUBLISHED_AT, from, to), Occur.FILTER);
        }
        return b.build();
    }

    private static void filter(BooleanQuery.Builder b, String field, String value) {
        if (value != null && !value.isBlank()) {
            b.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        }
    }

    private List<SearchResult.Hit> hits(IndexSearcher searcher, ScoreDoc[] page, Query text, SearchIndex index, boolean withStatus)
            throws IOException {
        Document[] docs = new Document[page.length];
        // One reader for all hits: each storedFields() has its own decompression buffers.
        org.apache.lucene.index.StoredFields stored = searcher.storedFields();
        for (int i = 0; i < page.length; i++) {
            docs[i] = stored.document(page[i].doc, text == null ? STORED : STORED_WITH_TEXT);
        }
        String[][] highlights = text == null ? new String[page.length][2] : Highlights.of(searcher, page, docs, text, index);
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int i = 0; i < page.length; i++) {
            Document d = docs[i];
            Map<String, String> marked = new LinkedHashMap<>();
            marked.put("title", highlights[i][0]);
            marked.put("body", highlights[i][1]);
            marked.values().removeIf(v -> v == null);
            var published = d.getField(Fields.PUBLISHED_AT);
            hits.add(new SearchResult.Hit(d.get(Fields.ID), d.get(Fields.SLUG), d.get(Fields.TITLE), d.get(Fields.EXCERPT),
                    published == null ? null
                            : OffsetDateTime.ofInstant(Instant.ofEpochMilli(published.numericValue().longValue()), ZoneOffset.UTC),
                    List.of(d.getValues(Fields.TAG)), Float.isNaN(page[i].score) ? 0 : page[i].score, marked,
                    withStatus ? d.get(Fields.STATUS) : null));
        }
        return hits;
    }

    private static Map<String, List<SearchResult.FacetValue>> facets(FacetCounting.Counts counts) throws IOException {
        Map<String, List<SearchResult.FacetValue>> out = new LinkedHashMap<>();
        out.put("tags", counts.top(Fields.TAG, FACET_VALUES));
        out.put("categories", counts.top(Fields.CATEGORY, FACET_VALUES));
        out.put("authors", counts.top(Fields.AUTHOR, FACET_VALUES));
        return out;
    }
}
