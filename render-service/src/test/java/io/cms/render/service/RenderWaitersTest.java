package io.cms.render.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cms.common.waiting.WaitRoom;
import io.cms.render.RenderedPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderWaitersTest {

    private final WaitRoom room = new WaitRoom("test", 100, 10);
    /** What the database serves, as the poll reads it. */
    private final AtomicLong databaseVersion = new AtomicLong();
    private final RenderWaiters waiters = new RenderWaiters(room, new RenderStore(null, null) {
        @Override
        public Map<String, Long> visibleVersions(Collection<String> keys) {
            return databaseVersion.get() == 0 ? Map.of() : Map.of("elsewhere", databaseVersion.get());
        }
    });

    @AfterEach
    void close() {
        room.close();
    }

    private static RenderedPost row(long version, boolean visible) {
        RenderedPost p = new RenderedPost();
        p.version = version;
        p.visible = visible;
        return p;
    }

    @Test
    void aSignalWakesEveryWaiterOfTheKeyWithTheStoredRowAndHoldsNoThread() throws Exception {
        List<CompletableFuture<Optional<RenderedPost>>> waits = List.of(
                waiters.await("slug", "a", 2, 5_000), waiters.await("slug", "b", 2, 5_000), waiters.await("slug", "c", 2, 5_000));
        assertEquals(3, room.waiting());
        waits.forEach(w -> assertFalse(w.isDone()));
        RenderedPost stored = row(2, true);
        waiters.signal("slug", stored);
        for (CompletableFuture<Optional<RenderedPost>> w : waits) {
            assertSame(stored, w.get(1, TimeUnit.SECONDS).orElseThrow());
        }
        assertEquals(0, room.waiting());
    }

    @Test
    void anOlderRenderDoesNotEndTheWait() {
        CompletableFuture<Optional<RenderedPost>> wait = waiters.await("slug", "a", 3, 5_000);
        waiters.signal("slug", row(2, true));
        assertFalse(wait.isDone());
    }

    @Test
    void aVersionStoredByAnotherReplicaIsFoundByThePoll() throws Exception {
        CompletableFuture<Optional<RenderedPost>> wait = waiters.await("elsewhere", "a", 4, 5_000);
        databaseVersion.set(3);
        waiters.poll();
        assertFalse(wait.isDone(), "version 3 is not 4");
        databaseVersion.set(4);
        waiters.poll();
        assertEquals(Optional.empty(), wait.get(1, TimeUnit.SECONDS), "nothing handed: the caller reads the database");
    }

    @Test
    void aHiddenRowIsNoAnswerAndATimeOutHandsNothing() throws Exception {
        CompletableFuture<Optional<RenderedPost>> wait = waiters.await("gone", "a", 3, 150);
        waiters.signal("gone", row(3, false)); // unpublished: what the key serves is the database's call
        assertFalse(wait.isDone());
        assertEquals(Optional.empty(), wait.get(2, TimeUnit.SECONDS), "time-out: the resource serves the older render, marked stale");
    }
}
