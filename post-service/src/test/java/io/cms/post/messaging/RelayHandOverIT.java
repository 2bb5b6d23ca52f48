package io.cms.post.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.local.LocalTopics;
import io.cms.local.Postgres;
import io.cms.post.InfraResource;
import io.cms.testkit.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relay hand-over through the real broker and database: a relay cut off from PostgreSQL loses its
 * lock within seconds and a standby takes over, and a deposed relay is fenced by Kafka so two relays
 * never publish at once. The relays here run on a database of their own, beside the application's
 * (a Quarkus test so that it shares the application's broker and database instead of starting others).
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class RelayHandOverIT {

    private static final String DATABASE = "cms_relay_handover";
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);

    @BeforeAll
    static void infrastructure() {
        TestInfrastructure infra = TestInfrastructure.shared();
        infra.postgres().ensureDatabase(DATABASE);
        Flyway.configure().dataSource(infra.postgres().jdbcUrl(DATABASE), Postgres.USER, null)
                .locations("classpath:db/migration").load().migrate();
        LocalTopics.create(infra.broker().bootstrapServers());
    }

    @Test
    void aNewPublisherFencesTheOldOneWhoseBatchIsNeverSeen() throws Exception {
        String bootstrap = TestInfrastructure.shared().broker().bootstrapServers();
        String transactionalId = "fencing-" + UUID.randomUUID();
        String post = "fenced-post-" + UUID.randomUUID();
        OutboxStore.Row deposed = row(1, post);
        OutboxStore.Row current = row(2, post);
        AtomicReference<OutboxPublisher.Outcome> taken = new AtomicReference<>();
        try (EventTap tap = new EventTap(); OutboxPublisher old = new OutboxPublisher(bootstrap, transactionalId)) {
            // The old relay has sent its batch and checks its lock before committing: meanwhile a new
            // relay starts with the same transactional id and publishes.
            OutboxPublisher.Heartbeat takeOver = () -> {
                if (taken.get() == null) {
                    try (OutboxPublisher next = new OutboxPublisher(bootstrap, transactionalId)) {
                        taken.set(next.publish(List.of(current), () -> { }));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            assertThrows(OutboxPublisher.FencedException.class, () -> old.publish(List.of(deposed), takeOver));
            assertEquals(List.of(current), taken.get().acknowledged());
            // Same key, same partition: had the deposed record been committed, it would come first.
            List<EventTap.Event> events = await().atMost(Duration.ofSeconds(20))
                    .until(() -> tap.forKey(post), l -> !l.isEmpty());
            assertEquals(current.eventId().toString(), events.get(0).header(Topics.CE_ID));
            assertEquals(1, tap.forKey(post).size(), "nothing of the fenced relay is visible");
        }
    }

    @Test
    void aRelayCutOffFromTheDatabaseLosesItsLockAndAStandbyTakesOver() throws Exception {
        Postgres postgres = TestInfrastructure.shared().postgres();
        String transactionalId = "handover-" + UUID.randomUUID();
        try (BlackHoleProxy proxy = new BlackHoleProxy(postgres.port()); EventTap tap = new EventTap()) {
            OutboxRelay cut = relay("jdbc:postgresql://localhost:" + proxy.port() + "/" + DATABASE, transactionalId);
            OutboxRelay standby = relay(postgres.jdbcUrl(DATABASE), transactionalId);
            try {
                cut.start(null);
                await().atMost(Duration.ofSeconds(15)).until(cut::isLeader);
                standby.start(null);
                String before = insertEvent();
                await().atMost(Duration.ofSeconds(15)).until(() -> tap.forKey(before), l -> l.size() == 1);
                assertFalse(standby.isLeader(), "one relay at a time");

                proxy.cut();
                long cutAt = System.nanoTime();
                String during = insertEvent();
                await().atMost(Duration.ofSeconds(20)).until(() -> tap.forKey(during), l -> !l.isEmpty());
                Duration handOver = Duration.ofNanos(System.nanoTime() - cutAt);
                assertTrue(standby.isLeader(), "the standby took over");
                // The server ends the silent session after SESSION_TIMEOUT, the standby looks every 500 ms.
                assertTrue(handOver.compareTo(SESSION_TIMEOUT.multipliedBy(3)) < 0, "hand-over took " + handOver);
                await().atMost(SESSION_TIMEOUT.multipliedBy(3)).until(() -> !cut.isLeader());

                proxy.heal();
                String after = insertEvent();
                await().atMost(Duration.ofSeconds(15)).until(() -> tap.forKey(after), l -> l.size() == 1);
                Thread.sleep(2000);
                assertTrue(standby.isLeader() && !cut.isLeader(), "the healed relay stands by");
                assertEquals(1, tap.forKey(during).size(), "the event written during the cut, once");
            } finally {
                cut.stop(null);
                standby.stop(null);
            }
        }
    }

    private static OutboxRelay relay(String jdbcUrl, String transactionalId) {
        OutboxRelay relay = new OutboxRelay(new SimpleMeterRegistry());
        relay.jdbcUrl = jdbcUrl;
        relay.user = Postgres.USER;
        relay.password = Optional.empty();
        relay.bootstrapServers = TestInfrastructure.shared().broker().bootstrapServers();
        relay.transactionalId = transactionalId;
        relay.sessionTimeout = SESSION_TIMEOUT;
        relay.batchSize = 100;
        relay.safetyPoll = Duration.ofMillis(500);
        relay.standbyPoll = Duration.ofMillis(500);
        relay.parkedRetry = Duration.ofMinutes(10);
        relay.partitions = 3;
        relay.replicationFactor = 1;
        return relay;
    }

    /** Commits one outbox row (a contract-shaped event of a new post) and returns its post id. */
    private static String insertEvent() throws Exception {
        String post = "handover-post-" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(TestInfrastructure.shared().postgres().jdbcUrl(DATABASE),
                Postgres.USER, null);
                PreparedStatement s = c.prepareStatement("INSERT INTO outbox (event_id, aggregate_type, aggregate_id, "
                        + "type, occurred_at, payload) VALUES (?, 'post', ?, 'cms.post.created', now(), ?)")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, post);
            s.setString(3, payload(post));
            s.executeUpdate();
        }
        return post;
    }

    private static OutboxStore.Row row(long id, String post) throws Exception {
        return new OutboxStore.Row(id, UUID.randomUUID(), post, "cms.post.created", OffsetDateTime.now(), payload(post));
    }

    /** The contract's fixture of a created post, as that post. */
    private static String payload(String post) throws Exception {
        ObjectNode payload = (ObjectNode) ContractFixtures.fixture("cms.post.created");
        payload.put("id", post);
        return payload.toString();
    }
}
