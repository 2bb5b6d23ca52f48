package io.cms.common.rest;

import java.time.Duration;
import java.util.Locale;

/**
 * The query parameters of a read-your-writes request, the same on every service: {@code minVersion}
 * (the version the caller just wrote) and {@code wait} (how long to wait for it, capped). An answer
 * older than asked for carries {@link #STALE_HEADER}.
 */
public final class ReadYourWrites {

    public static final String STALE_HEADER = "CMS-Stale";
    private static final long MAX_WAIT_MILLIS = 10_000;
    private static final long DEFAULT_WAIT_MILLIS = 5_000;

    private ReadYourWrites() {
    }

    /** @return the version asked for, or 0 when the caller asked for none */
    public static long minVersion(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(value.strip());
            if (v < 1) {
                throw ProblemException.invalid("minVersion", "must be a version number from 1");
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("minVersion", "must be a version number from 1");
        }
    }

    /** {@code 5s}, {@code 500ms} or a number of seconds; 5 s when absent; capped at 10 s. */
    public static long waitMillis(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_WAIT_MILLIS;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            long millis;
            if (v.endsWith("ms")) {
                millis = Long.parseLong(v.substring(0, v.length() - 2));
            } else if (v.endsWith("s")) {
                millis = Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000)).toMillis();
            } else {
                millis = (long) (Double.parseDouble(v) * 1000);
            }
            if (millis < 0) {
                throw new NumberFormatException();
            }
            return Math.min(millis, MAX_WAIT_MILLIS);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("wait", "must be a duration such as 5s or 500ms");
        }
    }
}
