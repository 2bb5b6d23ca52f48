package io.cms.search.service;

import java.time.OffsetDateTime;

/** A search as asked: the query text, filters, order and page (already checked by the REST layer). */
public record SearchRequest(String q, String tag, String category, String author, String lang,
        OffsetDateTime from, OffsetDateTime to, boolean byDate, int page, int limit) {
}
