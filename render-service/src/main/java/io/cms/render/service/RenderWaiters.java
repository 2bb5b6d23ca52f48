package io.cms.render.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.cms.common.messaging.BackgroundLoop;
import io.cms.common.waiting.WaitRoom;
import io.cms.render.RenderedPost;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Read-your-writes: a request for version N waits in the {@link WaitRoom} (no thread, no database
 * connection) until a render of N or newer is stored. A render this replica stores wakes its waiters
 * at once and hands them the stored row, so the answer needs no database read; renders stored by
 * another replica are found by one query for every waited key, every {@value #POLL_MILLIS} ms while
 * anyone waits.
 */
@ApplicationScoped
public class RenderWaiters {

    private static final Logger LOG = Logger.getLogger(RenderWaiters.class);
    static final long POLL_MILLIS = 50;

    private final WaitRoom room;
    private final RenderStore store;
    /** The newest row this replica stored for a waited key. */
    private final Map<String, RenderedPost> handed = new ConcurrentHashMap<>();
    /** The visible version of a waited key, as the last poll found it. */
    private final Map<String, Long> polled = new ConcurrentHashMap<>();
    private final BackgroundLoop poller = new BackgroundLoop("render-wait-poll", this::pollWhileRunning);

    RenderWaiters(WaitRoom room, RenderStore store) {
        this.room = room;
        this.store = store;
    }

    void start(@Observes StartupEvent ignored) {
        poller.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        poller.stop(1000, () -> { });
    }

    /** Wakes requests waiting on this key (a post id or a slug) with the row just stored for it. */
    public void signal(String key, RenderedPost stored) {
        if (room.waitsFor(key)) {
            handed.merge(key, stored, (old, now) -> now.version >= old.version ? now : old);
            room.wake(key);
        }
    }

    /**
     * Waits for a visible render of {@code minVersion} or newer of {@code key}.
     *
     * @return the row a signal handed over, if that is how the wait ended; empty when a poll found
     *     the version in the database, or on time-out: the caller reads the database then
     * @throws io.cms.common.rest.ProblemException 429 or 503 when the room has no place for this wait
     */
    public CompletableFuture<Optional<RenderedPost>> await(String key, String client, long minVersion, long timeoutMillis) {
        return room.await(key, client, timeoutMillis, () -> reached(key, minVersion))
                .thenApply(ok -> Optional.ofNullable(handed.get(key)).filter(p -> p.visible && p.version >= minVersion));
    }

    private boolean reached(String key, long minVersion) {
        RenderedPost h = handed.get(key);
        // A hidden (unpublished) row says nothing about what the key serves: the poll asks the database.
        if (h != null && h.visible && h.version >= minVersion) {
            return true;
        }
        Long v = polled.get(key);
        return v != null && v >= minVersion;
    }

    private void pollWhileRunning() {
        while (poller.running()) {
            poller.pause(POLL_MILLIS);
            try {
                poll();
            } catch (RuntimeException e) {
                LOG.debugf("Read-your-writes poll failed (%s); the next one retries", e.getMessage());
            }
        }
    }

    void poll() {
        var keys = room.waitedKeys();
        handed.keySet().retainAll(keys);
        polled.keySet().retainAll(keys);
        if (keys.isEmpty()) {
            return;
        }
        polled.putAll(store.visibleVersions(keys));
        room.wakeAll();
    }
}
