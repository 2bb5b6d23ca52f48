package io.cms.common.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named policy ({@code burst} requests, refilled at {@code perSecond}) and a bucket per client.
 * Buckets that are full again are forgotten when there are many (at most one sweep a second), so
 * memory follows the clients seen recently, not all clients ever seen.
 */
public final class RateLimiter {

    private static final int SWEEP_ABOVE = 10_000;
    /** With more clients than that all active, a sweep per request would scan them all each time. */
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    private final String name;
    private final double burst;
    private final double perSecond;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile long nextSweep = System.nanoTime();

    public RateLimiter(String name, double burst, double perSecond) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("rate limit " + name + " needs burst >= 1 and per-second > 0");
        }
        this.name = name;
        this.burst = burst;
        this.perSecond = perSecond;
    }

    /** Takes one request of {@code client}'s allowance. */
    public Decision take(String client) {
        long now = System.nanoTime();
        if (now - nextSweep >= 0 && buckets.size() > SWEEP_ABOVE) {
            nextSweep = now + SWEEP_EVERY_NANOS;
            buckets.values().removeIf(b -> b.full(now));
        }
        TokenBucket.Take t = buckets.computeIfAbsent(client, c -> new TokenBucket(burst, perSecond, now)).take(now);
        return new Decision(this, t.allowed(), t.remaining(), t.secondsUntilFull(), Math.max(1, t.secondsUntilNext()),
                t.justRanDry());
    }

    /** Whether {@code client} has nothing left now, without taking anything. */
    public boolean exhausted(String client) {
        TokenBucket b = buckets.get(client);
        return b != null && b.empty(System.nanoTime());
    }

    public String name() {
        return name;
    }

    /** {@code RateLimit-Policy} (IETF draft-ietf-httpapi-ratelimit-headers): the quota and its window in seconds. */
    public String policyHeader() {
        return "\"" + name + "\";q=" + (long) burst + ";w=" + (long) Math.ceil(burst / perSecond);
    }

    /**
     * What one request found.
     *
     * @param retryAfterSeconds when the next request would be allowed (at least 1)
     * @param justRanDry the first refusal since the client last had its full allowance: log it once
     */
    public record Decision(RateLimiter policy, boolean allowed, long remaining, long resetSeconds,
            long retryAfterSeconds, boolean justRanDry) {

        /** {@code RateLimit}: what is left of the quota, and when it is whole again. */
        public String header() {
            return "\"" + policy.name + "\";r=" + remaining + ";t=" + resetSeconds;
        }
    }
}
