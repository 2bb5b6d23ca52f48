package io.cms.render.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RenderWaitersTest {

    private final RenderWaiters waiters = new RenderWaiters();

    @Test
    void aRenderStoredWhileTheWaiterLooksIsNotMissed() throws Exception {
        AtomicLong stored = new AtomicLong();
        AtomicLong looks = new AtomicLong();
        long start = System.nanoTime();
        // The render lands (and signals) after the waiter read the old version, before it sleeps.
        boolean served = waiters.await("post", 1, 5_000, () -> {
            long seen = stored.get();
            if (looks.incrementAndGet() == 1) {
                stored.set(1);
                waiters.signal("post");
            }
            return seen;
        });
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(served);
        assertTrue(tookMillis < RenderWaiters.RECHECK_MILLIS - 10, "woke after " + tookMillis + " ms, not at the recheck");
    }

    @Test
    void aSignalWakesEveryWaiterOfTheKeyAndOnlyTimesOutWithoutARender() throws Exception {
        AtomicLong stored = new AtomicLong();
        Thread[] threads = new Thread[3];
        boolean[] results = new boolean[3];
        for (int i = 0; i < threads.length; i++) {
            int n = i;
            threads[i] = new Thread(() -> {
                try {
                    results[n] = waiters.await("slug", 2, 5_000, stored::get);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads[i].start();
        }
        Thread.sleep(20);
        stored.set(2);
        waiters.signal("slug");
        for (Thread t : threads) {
            t.join(2_000);
        }
        for (boolean r : results) {
            assertTrue(r);
        }
        assertFalse(waiters.await("other", 1, 30, () -> 0));
    }
}
