package io.cms.post.messaging;

/** Exponential backoff from 100 ms to 5 s, so an outage is not hammered. */
final class Backoff {
    private long millis = 100;

    long next() {
        long current = millis;
        millis = Math.min(millis * 2, 5000);
        return current;
    }

    void reset() {
        millis = 100;
    }
}
