package io.cms.search.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One page of hits, the total, and facet counts over the whole result set. */
public record SearchResult(long total, int page, int limit, List<Hit> items, Map<String, List<FacetValue>> facets) {

    /** A post that matched; highlight snippets are HTML-escaped with matches in {@code <mark>}. */
    /** {@code status} only in staff searches, which find drafts too. */
    public record Hit(String id, String slug, String title, String excerpt, OffsetDateTime publishedAt,
            List<String> tags, float score, Map<String, String> highlights,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String status) {
    }

    /** A facet value and how many results have it. */
    public record FacetValue(String value, long count) {
    }
}
