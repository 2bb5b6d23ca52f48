package io.cms.post.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.cms.common.messaging.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.KafkaException;
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
    @ConfigProperty(name = "cms.outbox.session-timeout", defaultValue = "10s")
    Duration sessionTimeout;
    @ConfigProperty(name = "cms.outbox.transactional-id", defaultValue = "post-service-outbox-relay")
    String transactionalId;
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
            try (OutboxStore store = new OutboxStore(jdbcUrl, user, password, sessionTimeout)) {
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

    /**
     * Leader loop: publish what is there, then wait for the next commit. Returns on database errors.
     * Every step that talks to Kafka is followed by a round trip on the relay's session, so the
     * session never idles long enough for the server to end it while the relay is healthy.
     */
    private void relay(OutboxStore store, Backoff backoff) throws Exception {
        OutboxPublisher publisher = null;
        boolean topicReady = false;
        try {
            while (loop.running()) {
                if (System.nanoTime() - nextParkedRetry >= 0) {
                    nextParkedRetry = System.nanoTime() + parkedRetry.toNanos();
                    int back = store.unparkAll();
                    if (back > 0) {
                        LOG.infof("Retrying %d parked outbox events", back);
                    }
                }
                if (publisher == null) {
                    store.ping(); // after a pause: the session must not idle through the connect as well
                    publisher = connect(store, !topicReady);
                    if (publisher == null) {
                        loop.pause(backoff.next());
                        continue;
                    }
                    topicReady = true;
                }
                List<OutboxStore.Row> rows = store.next(batchSize);
                if (rows.isEmpty()) {
                    store.awaitCommit((int) safetyPoll.toMillis());
                    continue;
                }
                OutboxPublisher.Outcome outcome;
                try {
                    outcome = publisher.publish(rows, store::ping);
                } catch (OutboxPublisher.FencedException e) {
                    // Either this replica was deposed (its next statement fails, and it stands by) or it
                    // fenced itself out after a hand-over race (it still holds the lock, and goes on).
                    LOG.warnf("Outbox relay: %s", e.getMessage());
                    outcome = new OutboxPublisher.Outcome(List.of(), List.of(), rows.size());
                }
                store.delete(outcome.acknowledged());
                recordLag(outcome.acknowledged());
                park(store, outcome.refused());
                if (outcome.pending() > 0 || !outcome.refused().isEmpty()) {
                    // A fresh producer after any failure: it never reorders what the old one still retries.
                    publisher.close();
                    publisher = null;
                }
                if (outcome.pending() > 0 && outcome.refused().isEmpty()) {
                    LOG.warnf("Kafka did not take %d outbox events; retrying", outcome.pending());
                    loop.pause(backoff.next());
                } else {
                    backoff.reset();
                }
            }
        } finally {
            close(publisher);
        }
    }

    /**
     * A publisher that has fenced every earlier relay; null (logged) while Kafka cannot be reached.
     * The first one of a leadership also makes sure the topic exists and takes the largest events.
     */
    private OutboxPublisher connect(OutboxStore store, boolean setUpTopic) throws SQLException, InterruptedException {
        OutboxPublisher publisher = null;
        try {
            publisher = new OutboxPublisher(bootstrapServers, transactionalId);
            store.ping();
            if (setUpTopic) {
                // Create the topic up front: consumers can subscribe before the first write.
                publisher.ensureTopic(partitions, replicationFactor);
                store.ping();
                applyLimits(publisher);
                store.ping();
            }
            return publisher;
        } catch (ExecutionException | KafkaException e) {
            LOG.warnf("Outbox relay cannot reach Kafka or set up %s: %s", Topics.POSTS, e.getMessage());
            close(publisher);
            store.ping();
            return null;
        } catch (SQLException | RuntimeException e) {
            close(publisher);
            throw e;
        }
    }

    private static void close(OutboxPublisher publisher) {
        if (publisher != null) {
            publisher.close();
        }
    }

    /** Not fatal: with the topic's old limit the largest posts are parked, every other event flows. */
    private static void applyLimits(OutboxPublisher publisher) throws InterruptedException {
        try {
            publisher.applyLimits();
        } catch (ExecutionException e) {
            LOG.warnf("Could not set max.message.bytes of %s (%s); events larger than it allows will be parked",
                    Topics.POSTS, e.getCause());
        }
    }

    private void park(OutboxStore store, List<OutboxPublisher.Refused> refused) throws SQLException {
        for (OutboxPublisher.Refused r : refused) {
            store.park(r.row(), r.reason());
            parked.increment();
            LOG.errorf("Kafka refused the %s event %s of post %s (%d bytes) for good: %s. Parked; the events "
                    + "behind it go on. GET /api/outbox/parked lists it, POST /api/outbox/parked/retry retries it.",
                    r.row().type(), r.row().eventId(), r.row().aggregateId(), r.row().payload().getBytes(StandardCharsets.UTF_8).length, r.reason());
        }
    }

    private void recordLag(List<OutboxStore.Row> acked) {
        OffsetDateTime now = OffsetDateTime.now();
        for (OutboxStore.Row row : acked) {
            lag.record(Duration.between(row.occurredAt(), now).toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
