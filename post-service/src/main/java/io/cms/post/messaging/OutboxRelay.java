package io.cms.post.messaging;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.cms.common.messaging.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, in commit order per post, then deletes them.
 *
 * <p>One replica at a time is the relay (PostgreSQL advisory lock); the others stand by and take
 * over when its database session ends. The relay is woken by a NOTIFY sent at commit, so an event
 * reaches Kafka milliseconds after its transaction, without a tight polling loop. Delivery is
 * at least once: a crash between Kafka's acknowledgement and the delete republishes those rows, and
 * consumers drop such duplicates by {@code ce_id} or by version.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "cms.outbox.batch-size", defaultValue = "500")
    int batchSize;
    @ConfigProperty(name = "cms.outbox.safety-poll", defaultValue = "1s")
    Duration safetyPoll;
    @ConfigProperty(name = "cms.outbox.standby-poll", defaultValue = "2s")
    Duration standbyPoll;
    @ConfigProperty(name = "cms.outbox.parked-retry", defaultValue = "10m")
    Duration parkedRetry;
    @ConfigProperty(name = "cms.posts.partitions", defaultValue = "3")
    int partitions;
    @ConfigProperty(name = "cms.posts.replication-factor", defaultValue = "1")
    short replicationFactor;

    private final Timer lag;
    private final Counter parked;
    // Parked events are retried when a replica becomes the relay, and then every parkedRetry.
    private long nextParkedRetry = System.nanoTime();
    private final BackgroundLoop loop = new BackgroundLoop("outbox-relay", this::run);
    private volatile boolean leader;

    OutboxRelay(MeterRegistry registry) {
        this.lag = Timer.builder("cms.outbox.lag")
                .description("Time from the change to Kafka's acknowledgement of its event")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        this.parked = Counter.builder("cms.outbox.parked.events")
                .description("Outbox events this replica parked because Kafka refused them for good")
                .register(registry);
    }

    void start(@Observes StartupEvent ignored) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        // A batch in flight finishes and is deleted.
        loop.stop(3000, () -> { });
    }

    /** Whether this replica currently publishes the outbox. */
    public boolean isLeader() {
        return leader;
    }

    private void run() {
        Backoff backoff = new Backoff();
        while (loop.running()) {
            try (OutboxStore store = new OutboxStore(jdbcUrl, user, password)) {
                if (!store.tryBecomeRelay()) {
                    loop.pause(standbyPoll.toMillis());
                    continue;
                }
                leader = true;
                LOG.info("This replica is now the outbox relay");
                store.listen();
                relay(store, backoff);
            } catch (Exception e) {
                if (loop.running()) {
                    LOG.warnf("Outbox relay lost its database session: %s", e.getMessage());
                    loop.pause(backoff.next());
                }
            } finally {
                leader = false;
            }
        }
    }

    /** Leader loop: publish what is there, then wait for the next commit. Returns on database errors. */
    private void relay(OutboxStore store, Backoff backoff) throws Exception {
        OutboxPublisher publisher = null;
        try {
            // Create the topic up front: consumers can subscribe before the first write.
            publisher = new OutboxPublisher(bootstrapServers);
            publisher.ensureTopic(partitions, replicationFactor);
            applyLimits(publisher);
            while (loop.running()) {
                if (System.nanoTime() - nextParkedRetry >= 0) {
                    nextParkedRetry = System.nanoTime() + parkedRetry.toNanos();
                    int back = store.unparkAll();
                    if (back > 0) {
                        LOG.infof("Retrying %d parked outbox events", back);
                    }
                }
                List<OutboxStore.Row> rows = store.next(batchSize);
                if (rows.isEmpty()) {
                    store.awaitCommit((int) safetyPoll.toMillis());
                    continue;
                }
                if (publisher == null) {
                    publisher = new OutboxPublisher(bootstrapServers);
                    publisher.ensureTopic(partitions, replicationFactor);
                }
                OutboxPublisher.Outcome outcome = publisher.publish(rows);
                store.delete(outcome.acknowledged());
                recordLag(outcome.acknowledged());
                park(store, outcome.refused());
                if (outcome.pending() > 0 || !outcome.refused().isEmpty()) {
                    // A fresh producer after any failure: it never reorders what the old one still retries.
                    publisher.close();
                    publisher = null;
                }
                if (outcome.pending() > 0) {
                    LOG.warnf("Kafka did not take %d outbox events; retrying", outcome.pending());
                    loop.pause(backoff.next());
                } else {
                    backoff.reset();
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warnf("Could not create or configure topic %s: %s", Topics.POSTS, e.getMessage());
            loop.pause(backoff.next());
        } finally {
            if (publisher != null) {
                publisher.close();
            }
        }
    }

    /** Not fatal: with the topic's old limit the largest posts are parked, every other event flows. */
    private static void applyLimits(OutboxPublisher publisher) throws InterruptedException {
        try {
            publisher.applyLimits();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warnf("Could not set max.message.bytes of %s (%s); events larger than it allows will be parked",
                    Topics.POSTS, e.getCause());
        }
    }

    private void park(OutboxStore store, List<OutboxPublisher.Refused> refused) throws java.sql.SQLException {
        for (OutboxPublisher.Refused r : refused) {
            store.park(r.row(), r.reason());
            parked.increment();
            LOG.errorf("Kafka refused the %s event %s of post %s (%d bytes) for good: %s. Parked; the events "
                    + "behind it go on. GET /api/outbox/parked lists it, POST /api/outbox/parked/retry retries it.",
                    r.row().type(), r.row().eventId(), r.row().aggregateId(), r.row().payload().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, r.reason());
        }
    }

    private void recordLag(List<OutboxStore.Row> acked) {
        OffsetDateTime now = OffsetDateTime.now();
        for (OutboxStore.Row row : acked) {
            lag.record(Duration.between(row.occurredAt(), now).toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Exponential backoff from 100 ms to 5 s, so an outage is not hammered. */
    private static final class Backoff {
        private long millis = 100;

        long next() {
            long current = millis;
            millis = Math.min(millis * 2, 5000);
            return current;
        }

        void reset() {
            millis = 100;
        }
    }
}
