package io.cms.common.rest;

import java.time.OffsetDateTime;

/** Times a request names, checked to be ones PostgreSQL can store and compare. */
public final class Timestamps {

    private Timestamps() {
    }

    /**
     * The time, if its year is 1 to 9999; else a 400 on {@code field}. Java reads years up to
     * 999 999 999, PostgreSQL's timestamps end in 294 276: past that a query or an insert fails (a
     * 500) instead of answering.
     */
    public static OffsetDateTime storable(String field, OffsetDateTime t) {
        if (t != null && !inRange(t)) {
            throw ProblemException.invalid(field, "must be in the years 1 to 9999");
        }
        return t;
    }

    public static boolean inRange(OffsetDateTime t) {
        return t.getYear() >= 1 && t.getYear() <= 9999;
    }
}
