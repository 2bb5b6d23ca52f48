package io.cms.post.webhooks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries, on every replica. A claim in the database (a lease) makes each delivery go
 * out from one replica at a time; a replica that dies mid-attempt loses its lease and another one
 * retries. Woken when deliveries are queued, and polls for due retries otherwise. A post's deliveries
 * go out one after another (per-post order): the next one is claimed while the one before it is
 * recorded, and sent at once.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Extra lease beyond the attempt timeout, so a slow-to-record attempt is not sent twice. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(15);

    private final DeliveryStore store;
    private final DeliveryOutcomes outcomes;
    private final WebhookConfig config;
    private final RetryPolicy policy;
    private final TargetGuard guard;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong chained = new AtomicLong();
    private volatile boolean running;
    private ExecutorService executor;
    private Sender sender;
    private Thread loop;

    private final Vertx vertx;

    DeliveryWorker(DeliveryStore store, DeliveryOutcomes outcomes, WebhookConfig config, TargetGuard guard, Vertx vertx) {
        this.vertx = vertx;
        this.store = store;
        this.outcomes = outcomes;
        this.config = config;
        this.guard = guard;
        this.policy = new RetryPolicy(config.retrySchedule());
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        sender = new Sender(guard, config.timeout(), vertx);
        running = true;
        loop = new Thread(this::run, "webhook-worker");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wakeUp.release();
        if (loop != null) {
            loop.join(5_000);
        }
        // In-flight attempts get a moment to finish; the rest are handed back for another replica.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        try {
            store.release(Set.copyOf(inFlight));
        } catch (Exception e) {
            LOG.warnf("Could not release %d webhook deliveries; their leases run out instead", inFlight.size());
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Looks for due deliveries now (after new ones were queued). */
    public void wake() {
        wakeUp.release();
    }

    public RetryPolicy policy() {
        return policy;
    }

    /** Deliveries sent straight after the one before them of the same post (seen by a test). */
    long chained() {
        return chained.get();
    }

    private Duration lease() {
        return config.timeout().plus(LEASE_MARGIN);
    }

    private void run() {
        Duration lease = lease();
        while (running) {
            try {
                int room = config.maxInFlight() - inFlight.size();
                List<DeliveryStore.Claimed> claimed = room <= 0 ? List.of()
                        : store.claim(room, config.maxInFlightPerSubscription(), lease);
                claimed.forEach(this::attempt);
                // A full batch means more may be due: look again at once.
                if (claimed.isEmpty() || claimed.size() < room) {
                    wakeUp.tryAcquire(config.poll().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Webhook worker: %s; trying again shortly", e.getMessage());
                sleepQuietly(config.poll().toMillis());
            }
        }
    }

    private void attempt(DeliveryStore.Claimed d) {
        inFlight.add(d.id());
        CompletableFuture<Optional<DeliveryStore.Claimed>> recorded;
        try {
            List<String> secrets = Secrets.signing(d.secret(), d.previousSecret(), d.previousSecretExpiresAt(),
                    OffsetDateTime.now(ZoneOffset.UTC));
            recorded = sender.send(d, secrets, executor).thenApplyAsync(result -> record(d, result), executor);
        } catch (RuntimeException e) { // not even started (a pool shut down): the place must still be freed
            recorded = CompletableFuture.failedFuture(e);
        }
        recorded.whenComplete((next, failure) -> {
            if (failure != null) {
                LOG.warnf("Webhook delivery %s: attempt or record failed (%s); its lease will run out and it is retried",
                        d.id(), failure.getMessage());
            }
            // The post's next delivery takes this one's place in flight; only a freed place
            // is worth a look at the table.
            if (next != null && next.isPresent()) {
                chained.incrementAndGet();
                attempt(next.get());
                inFlight.remove(d.id());
            } else {
                inFlight.remove(d.id());
                wake();
            }
        });
    }

    /** @return the post's next delivery when this one went through and the next is due (claimed) */
    private Optional<DeliveryStore.Claimed> record(DeliveryStore.Claimed d, Sender.Result result) {
        try {
            switch (RetryPolicy.verdict(result.attempt().statusCode())) {
                case DELIVERED -> {
                    return outcomes.delivered(d, result.attempt(), running ? lease() : null);
                }
                case GONE -> outcomes.gone(d, result.attempt());
                case RETRY -> outcomes.failed(d, result.attempt(), policy.delayAfter(d.attempts() + 1, result.retryAfter()),
                        config.disableAfter());
            }
            return Optional.empty();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
