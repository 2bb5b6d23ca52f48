package io.cms.common.rest;

import java.util.Optional;

/**
 * How deep page numbers reach, on every list and search: {@code page × limit} at most
 * {@link #MAX_RESULTS} (Elasticsearch's {@code index.max_result_window}). A deeper page costs work
 * for every result before it (an OFFSET that reads and drops rows, a collector that keeps them all),
 * so one request could make the service do a million results' work.
 */
public final class ResultWindow {

    public static final int MAX_RESULTS = 10_000;

    private ResultWindow() {
    }

    /** How far a page reaches: the number of the last result it would hold. */
    public static long reach(int page, int limit) {
        return (long) page * limit;
    }

    /** Why this page is out of the window (for the {@code page} field), or empty when it is within. */
    public static Optional<String> refusal(int page, int limit, String instead) {
        long reach = reach(page, limit);
        if (reach <= MAX_RESULTS) {
            return Optional.empty();
        }
        return Optional.of("page × limit reaches result " + reach + "; pages end at result " + MAX_RESULTS + ". "
                + instead);
    }
}
