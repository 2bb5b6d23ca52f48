package io.cms.common.limits;

/**
 * One client's allowance under one policy: up to {@code burst} requests at once, refilled at
 * {@code perSecond}. Thread-safe; time comes from the caller, so tests need not sleep.
 */
final class TokenBucket {

    private final double burst;
    private final double perSecond;
    private double tokens;
    private long updatedNanos;
    /** Set when the bucket runs dry; cleared once it is full again. */
    private boolean dry;

    TokenBucket(double burst, double perSecond, long nowNanos) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.tokens = burst;
        this.updatedNanos = nowNanos;
    }

    /** What one attempt to take a token found. */
    record Take(boolean allowed, long remaining, long secondsUntilFull, long secondsUntilNext, boolean justRanDry) {
    }

    synchronized Take take(long nowNanos) {
        refill(nowNanos);
        boolean allowed = tokens >= 1;
        boolean justRanDry = false;
        if (allowed) {
            tokens -= 1;
        } else if (!dry) {
            dry = true;
            justRanDry = true;
        }
        long untilNext = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perSecond);
        long untilFull = (long) Math.ceil((burst - tokens) / perSecond);
        return new Take(allowed, (long) Math.floor(tokens), untilFull, untilNext, justRanDry);
    }

    /** Whether a request now would be refused, without taking anything. */
    synchronized boolean empty(long nowNanos) {
        refill(nowNanos);
        return tokens < 1;
    }

    /** Full again: forgetting it loses nothing. */
    synchronized boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= burst;
    }

    private void refill(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - updatedNanos) / 1e9 * perSecond);
        updatedNanos = nowNanos;
        if (dry && tokens >= burst) {
            dry = false;
        }
    }
}
