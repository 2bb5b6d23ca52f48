package io.cms.search.service;

import java.time.OffsetDateTime;

/**
 * A search as asked: the query text, filters, order and page (already checked by the REST layer),
 * and which posts it may find.
 */
public record SearchRequest(String q, String tag, String category, String author, String lang,
        OffsetDateTime from, OffsetDateTime to, boolean byDate, int page, int limit, Scope scope) {

    /**
     * Published posts only (everyone); every post (editors and above); published and one user's own;
     * for staff, optionally only posts of one {@code status} (draft, scheduled, published).
     */
    public record Scope(boolean drafts, String ownerId, String status) {

        public static final Scope PUBLISHED = new Scope(false, null, null);
        public static final Scope EVERY_POST = new Scope(true, null, null);

        public static Scope publishedAndOwnedBy(String userId) {
            return new Scope(true, userId, null);
        }

        public Scope withStatus(String wanted) {
            return new Scope(drafts, ownerId, wanted);
        }
    }

    public SearchRequest(String q, String tag, String category, String author, String lang, OffsetDateTime from,
            OffsetDateTime to, boolean byDate, int page, int limit) {
        this(q, tag, category, author, lang, from, to, byDate, page, limit, Scope.PUBLISHED);
    }
}
