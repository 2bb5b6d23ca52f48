package io.cms.post.media;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cms.common.cache.CacheMeters;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The library's served files in memory, by file name, bounded by their bytes: a file never changes,
 * so a hit needs neither the database nor the store (an object store is a network call). Deleting an
 * image evicts its files on this replica once the deletion is committed; another replica forgets them
 * within {@code cms.view-cache.max-age}, as a CDN keeps them for the year their Cache-Control allows.
 * A file larger than a sixteenth of the bound is not kept, so one photo cannot push out the rest.
 * Metrics: {@link CacheMeters}, {@code cache=media}.
 */
@ApplicationScoped
public class ServedFiles {

    /** After a deletion's commit: the files of this image are no longer served. */
    public record Deleted(String sha256) {
    }

    private final Cache<String, MediaVariants.File> files;
    private final long maxFileBytes;
    private final AtomicLong epoch = new AtomicLong();
    private final CacheMeters meters;

    @Inject
    ServedFiles(MediaConfig config, @ConfigProperty(name = "cms.view-cache.max-age", defaultValue = "60s") Duration maxAge,
            MeterRegistry registry) {
        this(config.cacheBytes(), maxAge, registry);
    }

    ServedFiles(long maxBytes, Duration maxAge, MeterRegistry registry) {
        this.files = Caffeine.newBuilder().maximumWeight(Math.max(1, maxBytes)).expireAfterWrite(maxAge).executor(Runnable::run)
                .weigher((String name, MediaVariants.File f) -> f.bytes().length).build();
        this.maxFileBytes = maxBytes / 16;
        this.meters = new CacheMeters("media", registry, this::bytes, files::estimatedSize);
    }

    /** The kept file of this name; counts a hit or a miss. */
    Optional<MediaVariants.File> cached(String name) {
        MediaVariants.File f = files.getIfPresent(name);
        meters.hit(f != null);
        return Optional.ofNullable(f);
    }

    /** Taken before reading the library, given to {@link #keep}: a deletion meanwhile moves it. */
    long epoch() {
        return epoch.get();
    }

    /** Keeps a file read since {@code epoch}, unless a deletion ran meanwhile (what was read may be gone). */
    void keep(String name, MediaVariants.File f, long epochBefore) {
        if (f.bytes().length > maxFileBytes) {
            return;
        }
        files.put(name, f);
        if (epoch.get() != epochBefore) {
            files.invalidate(name);
        }
    }

    void deleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Deleted deleted) {
        meters.evicted();
        epoch.incrementAndGet();
        files.asMap().keySet().removeIf(name -> name.startsWith(deleted.sha256()));
    }

    long bytes() {
        return files.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }
}
