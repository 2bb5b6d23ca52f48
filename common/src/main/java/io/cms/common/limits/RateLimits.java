package io.cms.common.limits;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The rate limit policies of a service, from {@code cms.rate-limit.*}: anonymous reads, expensive
 * work, and failed authentication (after {@code auth-failure.burst} failures a client's requests
 * with credentials get 429 without being checked, and it gets one more try every
 * 1/{@code auth-failure.per-second} seconds).
 */
public final class RateLimits {

    private final boolean enabled;
    private final RateLimiter read;
    private final RateLimiter expensive;
    private final RateLimiter authFailures;

    public RateLimits(boolean enabled, RateLimiter read, RateLimiter expensive, RateLimiter authFailures) {
        this.enabled = enabled;
        this.read = read;
        this.expensive = expensive;
        this.authFailures = authFailures;
    }

    /** The settings in the service's configuration; the defaults here are the ones application.properties documents. */
    public static RateLimits fromConfig() {
        Config c = ConfigProvider.getConfig();
        return new RateLimits(c.getOptionalValue("cms.rate-limit.enabled", Boolean.class).orElse(true),
                limiter(c, "read", 1000, 500), limiter(c, "expensive", 60, 20), limiter(c, "auth-failure", 10, 0.1));
    }

    private static RateLimiter limiter(Config c, String name, double burst, double perSecond) {
        return new RateLimiter(name, c.getOptionalValue("cms.rate-limit." + name + ".burst", Double.class).orElse(burst),
                c.getOptionalValue("cms.rate-limit." + name + ".per-second", Double.class).orElse(perSecond));
    }

    public boolean enabled() {
        return enabled;
    }

    public RateLimiter policy(RateLimited.Policy policy) {
        return policy == RateLimited.Policy.READ ? read : expensive;
    }

    public RateLimiter authFailures() {
        return authFailures;
    }
}
