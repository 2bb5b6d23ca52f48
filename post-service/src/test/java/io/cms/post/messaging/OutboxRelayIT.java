package io.cms.post.messaging;

import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import io.cms.post.InfraResource;
import io.cms.post.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** One relay at a time across replicas, and a new one when the current one's session dies. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class OutboxRelayIT {

    @Inject
    OutboxRelay relay;

    @Test
    void aSecondReplicaCannotBecomeTheRelay() throws SQLException {
        await().atMost(Duration.ofSeconds(10)).until(relay::isLeader);
        try (Connection other = TestDatabase.connect();
                PreparedStatement s = other.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, OutboxStore.RELAY_LOCK_KEY);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertFalse(rs.getBoolean(1), "the lock is held by the running relay");
            }
        }
    }

    @Test
    void theRelayComesBackWhenItsSessionIsKilledAndLosesNothing() throws SQLException {
        await().atMost(Duration.ofSeconds(10)).until(relay::isLeader);
        try (EventTap tap = new EventTap(); Connection admin = TestDatabase.connect();
                PreparedStatement kill = admin.prepareStatement(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted")) {
            try (ResultSet rs = kill.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1), "exactly one session holds the relay lock");
            }
            String id = create(body(unique("After failover")));
            await().atMost(Duration.ofSeconds(30)).until(() -> tap.forKey(id), l -> l.size() == 1);
            assertTrue(relay.isLeader());
        }
    }
}
