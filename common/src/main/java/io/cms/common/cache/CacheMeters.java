package io.cms.common.cache;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters every served-bytes cache has, tagged {@code cache=<name>}: {@code cms.cache.requests}
 * ({@code result=hit|miss}), {@code cms.cache.evictions} (by a change, not by the size bound),
 * {@code cms.cache.bytes} and {@code cms.cache.entries}.
 */
public final class CacheMeters {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    public CacheMeters(String name, MeterRegistry registry, LongSupplier bytes, LongSupplier entries) {
        if (registry == null) {
            return;
        }
        FunctionCounter.builder("cms.cache.requests", hits, LongAdder::sum).tag("cache", name).tag("result", "hit")
                .description("Reads answered from a cache of served bytes, or not").register(registry);
        FunctionCounter.builder("cms.cache.requests", misses, LongAdder::sum).tag("cache", name).tag("result", "miss")
                .description("Reads answered from a cache of served bytes, or not").register(registry);
        FunctionCounter.builder("cms.cache.evictions", evictions, LongAdder::sum).tag("cache", name)
                .description("Entries dropped because what they show changed").register(registry);
        Gauge.builder("cms.cache.bytes", bytes::getAsLong).tag("cache", name).baseUnit("bytes")
                .description("Bytes a cache of served bytes holds").register(registry);
        Gauge.builder("cms.cache.entries", entries::getAsLong).tag("cache", name)
                .description("Entries a cache of served bytes holds").register(registry);
    }

    public void hit(boolean hit) {
        (hit ? hits : misses).increment();
    }

    public void evicted() {
        evictions.increment();
    }
}
