package io.cms.common.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ViewCacheTest {

    record V(UUID id, String slug, long version, long bytes) implements ViewCache.View {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ViewCache<V> cache = new ViewCache<>("test", 1_000_000, Duration.ofMinutes(1), registry);
    private final UUID id = UUID.randomUUID();

    @Test
    void aHitByIdOrSlugDoesNotLoadAndIsCounted() {
        AtomicInteger loads = new AtomicInteger();
        V v1 = new V(id, "hello", 1, 100);
        assertEquals(Optional.of(v1), cache.get("hello", () -> {
            loads.incrementAndGet();
            return Optional.of(v1);
        }));
        assertEquals(Optional.of(v1), cache.get("hello", Optional::empty));
        assertEquals(Optional.of(v1), cache.get(id.toString(), Optional::empty));
        assertEquals(1, loads.get());
        assertEquals(2, registry.get("cms.cache.requests").tag("result", "hit").functionCounter().count());
        assertEquals(1, registry.get("cms.cache.requests").tag("result", "miss").functionCounter().count());
        assertEquals(100.0, registry.get("cms.cache.bytes").gauge().value());
    }

    @Test
    void anEvictedPostIsLoadedAgain() {
        cache.get("hello", () -> Optional.of(new V(id, "hello", 1, 100)));
        cache.evict(id, "hello");
        assertEquals(2, cache.get("hello", () -> Optional.of(new V(id, "hello", 2, 100))).orElseThrow().version());
        assertEquals(2, cache.cached(id.toString()).orElseThrow().version());
    }

    @Test
    void aLoadThatAnEvictionOvertookDoesNotStay() {
        // The load read version 1; version 2 was committed and evicted before the load put its result.
        Optional<V> read = cache.load("hello", () -> {
            cache.evict(id, "hello");
            return Optional.of(new V(id, "hello", 1, 100));
        });
        assertEquals(1, read.orElseThrow().version(), "the caller still gets what it read");
        assertTrue(cache.cached("hello").isEmpty());
        assertTrue(cache.cached(id.toString()).isEmpty());
    }

    @Test
    void aSlugThatMovedToAnotherPostIsNotServedFromTheOldOne() {
        cache.get("hello", () -> Optional.of(new V(id, "hello", 1, 100)));
        // The post moved to "bonjour": its change evicts it (and its new slug).
        cache.evict(id, "bonjour");
        cache.get(id.toString(), () -> Optional.of(new V(id, "bonjour", 2, 100)));
        assertTrue(cache.cached("hello").isEmpty(), "the old slug is a dead alias");
        UUID other = UUID.randomUUID();
        assertEquals(other, cache.get("hello", () -> Optional.of(new V(other, "hello", 1, 100))).orElseThrow().id());
        // A post that takes a slug evicts it: the slug no longer leads to the post that had it.
        cache.evict(UUID.randomUUID(), "bonjour");
        assertTrue(cache.cached("bonjour").isEmpty());
    }

    @Test
    void nothingIsCachedForAMissingPost() {
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            cache.get("nothing", () -> {
                loads.incrementAndGet();
                return Optional.empty();
            });
        }
        assertEquals(3, loads.get());
    }

    @Test
    void theBytesHeldStayWithinTheBound() {
        ViewCache<V> small = new ViewCache<>("small", 10_000, Duration.ofMinutes(1), null);
        for (int i = 0; i < 100; i++) {
            UUID each = UUID.randomUUID();
            small.get(each.toString(), () -> Optional.of(new V(each, "s" + each, 1, 1_000)));
        }
        small.cached("x"); // eviction runs on the cache's maintenance; a read triggers it
        assertTrue(small.bytes() <= 10_000, small.bytes() + " bytes held");
    }
}
