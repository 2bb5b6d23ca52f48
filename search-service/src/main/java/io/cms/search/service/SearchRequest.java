package io.cms.search.service;

import java.time.OffsetDateTime;

/**
 * A search as asked: the query text, filters, order and page (already checked by the REST layer),
 * and which posts it may find.
 */
public record SearchRequest(String q, String tag, String category, String author, String lang,
        OffsetDateTime from, OffsetDateTime to, boolean byDate, int page, int limit, Scope scope) {

    /** Published posts only (everyone); every post (editors and above); published and one user's own. */
    public record Scope(boolean drafts, String ownerId) {

        public static final Scope PUBLISHED = new Scope(false, null);
        public static final Scope EVERY_POST = new Scope(true, null);

        public static Scope publishedAndOwnedBy(String userId) {
            return new Scope(true, userId);
        }
    }

    public SearchRequest(String q, String tag, String category, String author, String lang, OffsetDateTime from,
            OffsetDateTime to, boolean byDate, int page, int limit) {
        this(q, tag, category, author, lang, from, to, byDate, page, limit, Scope.PUBLISHED);
    }
}
