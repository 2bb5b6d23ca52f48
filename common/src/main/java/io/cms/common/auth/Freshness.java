package io.cms.common.auth;

import java.time.Duration;

/** When a list was last read in whole, and whether that is recent enough to trust it. */
final class Freshness {

    private final long maxAgeNanos;
    private volatile long readAt;
    private volatile boolean read;

    Freshness(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    void mark(long now) {
        readAt = now;
        read = true;
    }

    boolean fresh() {
        return read && System.nanoTime() - readAt < maxAgeNanos;
    }

    long maxAgeNanos() {
        return maxAgeNanos;
    }
}
