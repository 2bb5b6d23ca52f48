package io.cms.common.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cms.common.rest.IdOrSlug;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Served views of posts, by id and by slug, bounded by the bytes they hold. A view changes only with
 * an event, so a hit needs no database: whoever commits a change (or learns of one from a topic)
 * {@link #evict evicts} the post, and the next read loads it again.
 *
 * <p>A load that read the database before an eviction must not put the old view back after it: every
 * eviction moves an epoch, and a load whose epoch moved while it ran takes its own entry out again.
 * Slugs map to ids; a slug entry is trusted only while the view it leads to still has that slug (a
 * post that moved to another slug leaves a dead alias, which reads as a miss).
 *
 * <p>Views also expire {@code maxAge} after they were loaded: the bound on how long a replica that
 * missed an eviction (it learns of changes made elsewhere only from a topic) can serve an old view.
 *
 * <p>Metrics: {@link CacheMeters}.
 */
public final class ViewCache<V extends ViewCache.View> {

    /** What the cache needs to know of a view. */
    public interface View {
        UUID id();

        String slug();

        long version();

        /** Bytes held in memory. */
        long bytes();
    }

    private final Cache<UUID, V> byId;
    private final Cache<String, UUID> bySlug;
    private final AtomicLong epoch = new AtomicLong();
    private final CacheMeters meters;

    public ViewCache(String name, long maxBytes, Duration maxAge, MeterRegistry registry) {
        // Maintenance (evicting over the bound) runs on the caller: cheap, and no pool thread to wait for.
        this.byId = Caffeine.newBuilder().maximumWeight(maxBytes).expireAfterWrite(maxAge).executor(Runnable::run)
                .weigher((UUID id, V v) -> (int) Math.min(Integer.MAX_VALUE, v.bytes())).build();
        // An alias is ~100 bytes; bounded by count, it stays well under the views' own budget.
        this.bySlug = Caffeine.newBuilder().maximumSize(Math.max(1_000, maxBytes / 1_000)).build();
        this.meters = new CacheMeters(name, registry, this::bytes, byId::estimatedSize);
    }

    /** The cached view of an id or slug, without loading; counts a hit or a miss. */
    public Optional<V> cached(String idOrSlug) {
        Optional<V> v = peek(idOrSlug);
        meters.hit(v.isPresent());
        return v;
    }

    private Optional<V> peek(String idOrSlug) {
        UUID id = IdOrSlug.id(idOrSlug);
        if (id != null) {
            V v = byId.getIfPresent(id);
            if (v != null) {
                return Optional.of(v);
            }
        }
        UUID target = bySlug.getIfPresent(idOrSlug);
        V v = target == null ? null : byId.getIfPresent(target);
        return v != null && idOrSlug.equals(v.slug()) ? Optional.of(v) : Optional.empty();
    }

    /**
     * The cached view, or the one {@code loader} reads (cached for the next request).
     *
     * @param loader reads the view from the database; empty when there is none
     */
    public Optional<V> get(String idOrSlug, Supplier<Optional<V>> loader) {
        Optional<V> hit = cached(idOrSlug);
        return hit.isPresent() ? hit : load(idOrSlug, loader);
    }

    /** Reads through {@code loader} and caches what it finds, whatever is cached now. */
    public Optional<V> load(String idOrSlug, Supplier<Optional<V>> loader) {
        long before = epoch.get();
        Optional<V> loaded = loader.get();
        if (loaded.isEmpty()) {
            return loaded;
        }
        V v = loaded.get();
        byId.put(v.id(), v);
        if (idOrSlug.equals(v.slug())) {
            bySlug.put(idOrSlug, v.id());
        }
        if (epoch.get() != before) {
            byId.invalidate(v.id()); // an eviction ran meanwhile: what was read may be older than it
        }
        return loaded;
    }

    /**
     * After a change to post {@code id} is committed: its view, and the slug it has now (which may
     * have led to another post), are read again next time.
     */
    public void evict(UUID id, String slug) {
        meters.evicted();
        epoch.incrementAndGet();
        byId.invalidate(id);
        if (slug != null) {
            bySlug.invalidate(slug);
        }
    }

    /** Forgets everything (a rebuild rewrote every view). */
    public void clear() {
        epoch.incrementAndGet();
        byId.invalidateAll();
        bySlug.invalidateAll();
    }

    /** Bytes held now. */
    public long bytes() {
        return byId.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }
}
