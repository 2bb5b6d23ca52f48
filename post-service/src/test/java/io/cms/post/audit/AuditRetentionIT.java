package io.cms.post.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.cms.post.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The audit trail keeps what is younger than its retention and loses what is older. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class AuditRetentionIT {

    @Inject
    AuditRetention retention;

    @Test
    void entriesPastTheRetentionAreDeletedAndYoungerOnesKept() throws Exception {
        String marker = "retention-" + UUID.randomUUID();
        insert(marker + "-old", "400 days");
        insert(marker + "-young", "300 days");
        assertTrue(retention.deleteOlderThan(Duration.ofDays(365)) >= 1);
        assertEquals(0, count(marker + "-old"));
        assertEquals(1, count(marker + "-young"));
    }

    private static void insert(String target, String age) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_event (at, actor, action, target) VALUES (now() - CAST(? AS interval), 'admin', 'test', ?)")) {
            s.setString(1, age);
            s.setString(2, target);
            s.executeUpdate();
        }
    }

    private static int count(String target) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM audit_event WHERE target = ?")) {
            s.setString(1, target);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
