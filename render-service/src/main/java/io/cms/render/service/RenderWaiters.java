package io.cms.render.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Read-your-writes: a request for version N waits here until a render of N or newer is stored.
 * A render applied by this replica wakes the waiter at once; renders applied by another replica are
 * seen by re-reading the database every {@value #RECHECK_MILLIS} ms.
 *
 * <p>Each key counts its signals, and a waiter only sleeps if no signal came since it read the
 * count, before it looked at the database: a render stored between that look and the sleep is not
 * missed (it used to cost the waiter a whole recheck interval).
 */
@ApplicationScoped
public class RenderWaiters {

    static final long RECHECK_MILLIS = 50;

    /** Signals and waiters of one key; guarded by itself. */
    private static final class Slot {
        long signals;
        int waiters;
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    /** Wakes requests waiting on this key (a post id or a slug). */
    public void signal(String key) {
        Slot slot = slots.get(key);
        if (slot != null) {
            synchronized (slot) {
                slot.signals++;
                slot.notifyAll();
            }
        }
    }

    /** @return true once {@code storedVersion} reaches {@code minVersion}, false on time-out */
    public boolean await(String key, long minVersion, long timeoutMillis, LongSupplier storedVersion)
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
                synchronized (slot) {
                    seen = slot.signals;
                }
                if (storedVersion.getAsLong() >= minVersion) {
                    return true;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
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
