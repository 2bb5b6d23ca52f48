package io.cms.render.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.cms.render.RenderedPost;
import org.junit.jupiter.api.Test;

class RenderWaitersTest {

    private final RenderWaiters waiters = new RenderWaiters();

    private static RenderedPost row(long version, boolean visible) {
        RenderedPost p = new RenderedPost();
        p.version = version;
        p.visible = visible;
        return p;
    }

    @Test
    void aRenderStoredWhileTheWaiterLooksIsNotMissed() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        RenderedPost stored = row(1, true);
        long start = System.nanoTime();
        // The render lands (and signals) after the waiter looked and found nothing, before it sleeps.
        Optional<RenderedPost> served = waiters.await("post", 1, 5_000, () -> {
            if (looks.incrementAndGet() == 1) {
                waiters.signal("post", stored);
            }
            return 0;
        });
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertSame(stored, served.orElseThrow());
        assertEquals(1, looks.get(), "the signalled row is the answer, without a second look");
        assertTrue(tookMillis < RenderWaiters.RECHECK_MILLIS - 10, "woke after " + tookMillis + " ms, not at the recheck");
    }

    @Test
    void aSignalWakesEveryWaiterOfTheKeyWithTheStoredRow() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        Thread[] threads = new Thread[3];
        AtomicReference<?>[] results = new AtomicReference<?>[3];
        for (int i = 0; i < threads.length; i++) {
            AtomicReference<Optional<RenderedPost>> result = new AtomicReference<>();
            results[i] = result;
            threads[i] = new Thread(() -> {
                try {
                    result.set(waiters.await("slug", 2, 5_000, () -> {
                        looks.incrementAndGet();
                        return 1;
                    }));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads[i].start();
        }
        Thread.sleep(20);
        RenderedPost stored = row(2, true);
        waiters.signal("slug", stored);
        for (Thread t : threads) {
            t.join(2_000);
        }
        for (AtomicReference<?> r : results) {
            assertEquals(Optional.of(stored), r.get());
        }
        assertEquals(3, looks.get(), "one database probe each, before the signal");
    }

    @Test
    void aVersionStoredByAnotherReplicaIsFoundByTheProbe() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        long start = System.nanoTime();
        // No signal here: the database reaches version 4 at the second probe (the recheck).
        Optional<RenderedPost> handed = waiters.await("elsewhere", 4, 5_000, () -> looks.incrementAndGet() >= 2 ? 4 : 3);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Optional.empty(), handed, "nothing handed: the caller reads the database");
        assertEquals(2, looks.get());
        assertTrue(tookMillis >= RenderWaiters.RECHECK_MILLIS - 5 && tookMillis < 2_000, "took " + tookMillis + " ms");
    }

    @Test
    void aHiddenRowIsNoAnswerAndATimeOutHandsNothing() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        Thread signaller = new Thread(() -> {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
            waiters.signal("gone", row(3, false)); // unpublished: what the key serves is the database's call
        });
        signaller.start();
        Optional<RenderedPost> served = waiters.await("gone", 3, 120, () -> {
            looks.incrementAndGet();
            return 2;
        });
        signaller.join();
        assertEquals(Optional.empty(), served, "time-out: the resource serves the older render, marked stale");
        assertTrue(looks.get() >= 2, "looked again after the signal and at the recheck: " + looks.get());
        assertEquals(Optional.empty(), waiters.await("other", 1, 30, () -> 0));
    }
}
