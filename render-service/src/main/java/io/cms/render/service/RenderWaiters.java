package io.cms.render.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Read-your-writes: a request for version N waits here until a render of N or newer is stored.
 * A render applied by this replica wakes the waiter at once; renders applied by another replica are
 * seen by re-reading the database every {@value #RECHECK_MILLIS} ms.
 */
@ApplicationScoped
public class RenderWaiters {

    static final long RECHECK_MILLIS = 50;

    private final ConcurrentHashMap<String, Object> monitors = new ConcurrentHashMap<>();

    /** Wakes requests waiting on this key (a post id or a slug). */
    public void signal(String key) {
        Object monitor = monitors.get(key);
        if (monitor != null) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /** @return true once {@code storedVersion} reaches {@code minVersion}, false on time-out */
    public boolean await(String key, long minVersion, long timeoutMillis, LongSupplier storedVersion)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Object monitor = monitors.computeIfAbsent(key, k -> new Object());
        try {
            while (true) {
                if (storedVersion.getAsLong() >= minVersion) {
                    return true;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                synchronized (monitor) {
                    monitor.wait(Math.min(left, RECHECK_MILLIS));
                }
            }
        } finally {
            monitors.remove(key, monitor);
        }
    }
}
