package io.cms.common.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Puts an endpoint (or every endpoint of a resource) under a per-client rate limit policy. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RateLimited {

    Policy value();

    /** The policies; each has its settings under {@code cms.rate-limit.<name>}. */
    enum Policy {
        /** Anonymous reads of content: a request with credentials is not counted here. */
        READ,
        /** Work that costs far more than a read (search, preview, import), for every caller. */
        EXPENSIVE
    }
}
