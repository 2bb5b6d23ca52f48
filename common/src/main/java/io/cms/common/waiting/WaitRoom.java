package io.cms.common.waiting;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.cms.common.rest.ProblemException;

/**
 * Read-your-writes waits that hold no thread and no connection: a waiting request is a future, a
 * condition and a timer. Whoever makes a version visible (a render stored, a search refresh, a poll
 * of what other replicas stored) wakes the keys it touched and the conditions are checked on its
 * thread, so a condition must be cheap and must not block. The room is bounded: at most
 * {@code maxWaiters} in all (then 503) and {@code maxPerClient} for one client address (then 429),
 * each answered at once with {@code Retry-After}, never by a slow answer.
 */
public final class WaitRoom implements AutoCloseable {

    private final class Waiter {
        final String key;
        final String client;
        final BooleanSupplier ready;
        final CompletableFuture<Boolean> done = new CompletableFuture<>();
        final java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        volatile ScheduledFuture<?> timeout;

        Waiter(String key, String client, BooleanSupplier ready) {
            this.key = key;
            this.client = client;
            this.ready = ready;
        }

        /** The place is given back before the answer goes out, so whoever sees the answer sees the place free. */
        void finish(boolean reached) {
            if (over.compareAndSet(false, true)) {
                leave(this);
                done.complete(reached);
            }
        }

        void fail(RuntimeException e) {
            if (over.compareAndSet(false, true)) {
                leave(this);
                done.completeExceptionally(e);
            }
        }

        void check() {
            boolean reached;
            try {
                reached = ready.getAsBoolean();
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (reached) {
                finish(true);
            }
        }
    }

    private final int maxWaiters;
    private final int maxPerClient;
    private final Map<String, Set<Waiter>> byKey = new ConcurrentHashMap<>();
    private final Map<String, Integer> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timer;

    public WaitRoom(String name, int maxWaiters, int maxPerClient) {
        this.maxWaiters = maxWaiters;
        this.maxPerClient = maxPerClient;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-wait-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Waits until {@code ready} holds (it is checked now, and at every wake of {@code key}), or for
     * at most {@code timeoutMillis}.
     *
     * @return a future of true when ready, false at the time-out
     * @throws ProblemException 503 when the room is full, 429 when this client already waits {@code maxPerClient} times
     */
    public CompletableFuture<Boolean> await(String key, String client, long timeoutMillis, BooleanSupplier ready) {
        if (ready.getAsBoolean()) {
            return CompletableFuture.completedFuture(true);
        }
        if (timeoutMillis <= 0) {
            return CompletableFuture.completedFuture(false);
        }
        enter(client);
        Waiter w = new Waiter(key, client, ready);
        byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(w);
        w.timeout = timer.schedule(() -> w.finish(false), timeoutMillis, TimeUnit.MILLISECONDS);
        // Made visible between the first check and joining the key: nobody would wake it.
        w.check();
        return w.done;
    }

    /** Checks the waiters of this key (a post id or slug) again. */
    public void wake(String key) {
        Set<Waiter> waiters = byKey.get(key);
        if (waiters != null) {
            waiters.forEach(Waiter::check);
        }
    }

    /** Checks every waiter again (a refresh made everything applied so far visible). */
    public void wakeAll() {
        byKey.values().forEach(set -> set.forEach(Waiter::check));
    }

    /** Whether someone waits for this key now. */
    public boolean waitsFor(String key) {
        return byKey.containsKey(key);
    }

    /** The keys someone waits for now. */
    public Set<String> waitedKeys() {
        return Set.copyOf(byKey.keySet());
    }

    /** Requests waiting now. */
    public int waiting() {
        return total.get();
    }

    private void enter(String client) {
        if (byClient.merge(client, 1, Integer::sum) > maxPerClient) {
            release(client);
            throw new ProblemException(ProblemException.Kind.TOO_MANY_WAITING,
                    "This client already waits for " + maxPerClient + " versions; wait for those first").retryAfter(1);
        }
        if (total.incrementAndGet() > maxWaiters) {
            total.decrementAndGet();
            release(client);
            throw new ProblemException(ProblemException.Kind.TOO_MANY_WAITING, 503,
                    "The service already holds " + maxWaiters + " waiting requests; ask again without minVersion, or shortly",
                    java.util.List.of()).retryAfter(1);
        }
    }

    private void leave(Waiter w) {
        ScheduledFuture<?> t = w.timeout;
        if (t != null) {
            t.cancel(false);
        }
        byKey.computeIfPresent(w.key, (k, set) -> {
            set.remove(w);
            return set.isEmpty() ? null : set;
        });
        total.decrementAndGet();
        release(w.client);
    }

    private void release(String client) {
        byClient.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        byKey.values().forEach(set -> set.forEach(w -> w.finish(false)));
    }
}
