package io.cms.post.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Outbox events that Kafka refused for good (too large for a topic, a record it calls invalid):
 * the relay parks them in place so the events behind them flow, and they wait here, counted in the
 * {@code cms.outbox.parked} gauge, until an admin retries them or the relay does on its own.
 *
 * <p>A retried event keeps its outbox id, so it goes out before anything written after it that is
 * still waiting. Newer events of the same post may have gone out meanwhile; consumers apply events
 * by version, so the late one changes nothing there, and webhook receivers see its version.
 */
@ApplicationScoped
public class ParkedEvents {

    static final String PARK = "UPDATE outbox SET parked_at = now(), park_reason = ?, attempts = attempts + 1 WHERE id = ?";
    // pg_notify wakes the relay at commit, as an insert does through the outbox trigger.
    static final String UNPARK_ALL = "WITH back AS (UPDATE outbox SET parked_at = NULL WHERE parked_at IS NOT NULL "
            + "RETURNING id) SELECT (SELECT count(*) FROM back), pg_notify('" + OutboxStore.CHANNEL + "', '')";
    private static final String LIST = "SELECT event_id, aggregate_id, type, occurred_at, octet_length(payload), "
            + "park_reason, parked_at, attempts FROM outbox WHERE parked_at IS NOT NULL ORDER BY id LIMIT ?";
    private static final String COUNT = "SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL";

    /** One parked event, as an admin sees it. */
    public record Parked(UUID eventId, String postId, String type, OffsetDateTime occurredAt, long bytes,
            String reason, OffsetDateTime parkedAt, int attempts) {
    }

    private final DataSource db;

    ParkedEvents(DataSource db, MeterRegistry registry) {
        this.db = db;
        Gauge.builder("cms.outbox.parked", this, ParkedEvents::countOrNaN)
                .description("Outbox events Kafka refused for good, waiting for a retry")
                .register(registry);
    }

    /** The oldest parked events, at most {@code limit}. */
    public List<Parked> list(int limit) throws SQLException {
        List<Parked> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(LIST)) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Parked(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class), rs.getLong(5), rs.getString(6),
                            rs.getObject(7, OffsetDateTime.class), rs.getInt(8)));
                }
            }
        }
        return out;
    }

    public long count() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(COUNT)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Puts every parked event back in line for the relay; returns how many. */
    public int retryAll() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(UNPARK_ALL)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private double countOrNaN() {
        try {
            return count();
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
