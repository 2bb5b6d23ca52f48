package io.cms.render.service;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.cms.render.RenderedPost;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Read-your-writes: a request for version N waits here until a render of N or newer is stored.
 * A render applied by this replica wakes the waiter at once and hands it the stored row, so the
 * answer needs no database read; renders applied by another replica are seen by probing the
 * database's version every {@value #RECHECK_MILLIS} ms.
 *
 * <p>Each key counts its signals, and a waiter only sleeps if no signal came since it read the
 * count, before it looked: a render stored between that look and the sleep is not missed (it used
 * to cost the waiter a whole recheck interval).
 */
@ApplicationScoped
public class RenderWaiters {

    static final long RECHECK_MILLIS = 50;

    /** Signals, the last row signalled, and waiters of one key; guarded by itself. */
    private static final class Slot {
        long signals;
        RenderedPost latest;
        int waiters;
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    /** Wakes requests waiting on this key (a post id or a slug) with the row just stored for it. */
    public void signal(String key, RenderedPost stored) {
        Slot slot = slots.get(key);
        if (slot != null) {
            synchronized (slot) {
                slot.signals++;
                if (slot.latest == null || slot.latest.version <= stored.version) {
                    slot.latest = stored;
                }
                slot.notifyAll();
            }
        }
    }

    /**
     * @param storedVersion the version the database serves for the key now (0 if none): a cheap probe
     * @return the row a signal handed over, if that is how the wait ended; empty when the probe found
     *     the version in the database, or on time-out: the caller reads the database then
     */
    public Optional<RenderedPost> await(String key, long minVersion, long timeoutMillis, LongSupplier storedVersion)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Slot slot = slots.compute(key, (k, existing) -> {
            Slot s = existing == null ? new Slot() : existing;
            synchronized (s) {
                s.waiters++;
            }
            return s;
        });
        try {
            while (true) {
                long seen;
                RenderedPost handed;
                synchronized (slot) {
                    seen = slot.signals;
                    handed = slot.latest;
                }
                // A hidden (unpublished) row says nothing about what the key serves: ask the database.
                if (handed != null && handed.visible && handed.version >= minVersion) {
                    return Optional.of(handed);
                }
                if (storedVersion.getAsLong() >= minVersion) {
                    return Optional.empty();
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return Optional.empty();
                }
                synchronized (slot) {
                    if (slot.signals == seen) {
                        slot.wait(Math.min(left, RECHECK_MILLIS));
                    }
                }
            }
        } finally {
            slots.computeIfPresent(key, (k, s) -> {
                synchronized (s) {
                    return --s.waiters == 0 ? null : s;
                }
            });
        }
    }
}
