package io.cms.search.service;

import java.time.OffsetDateTime;

/**
 * A search as asked: the query text, filters, order and page (already checked by the REST layer).
 *
 * @param facets whether to count facets (and the total exactly) over the whole result set; without
 *        them the total is exact up to {@link SearchService#EXACT_TOTAL_UP_TO} and the search skips
 *        what cannot reach the page
 */
public record SearchRequest(String q, String tag, String category, String author, String lang,
        OffsetDateTime from, OffsetDateTime to, boolean byDate, int page, int limit, boolean facets) {

    /** With facets. */
    public SearchRequest(String q, String tag, String category, String author, String lang, OffsetDateTime from,
            OffsetDateTime to, boolean byDate, int page, int limit) {
        this(q, tag, category, author, lang, from, to, byDate, page, limit, true);
    }
}
