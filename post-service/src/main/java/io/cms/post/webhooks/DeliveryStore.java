package io.cms.post.webhooks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The delivery queue in PostgreSQL: planning (in the caller's transaction, with the Kafka event being
 * handled), claiming due deliveries, giving them back, sending one again. What became of an attempt
 * is recorded by {@link DeliveryOutcomes}. All times come from the database clock, so replicas agree
 * on what is due.
 */
@ApplicationScoped
public class DeliveryStore {

    /** A delivery claimed by this replica: what to send, where, and with which secrets. */
    public record Claimed(UUID id, UUID subscriptionId, UUID postId, String eventType, String payload, int attempts,
            int maxAttempts, String url, String secret, String previousSecret, OffsetDateTime previousSecretExpiresAt) {

        /** What a claiming statement returns, in the order {@link #read} takes it. */
        static final String COLUMNS = """
                RETURNING d.id, d.subscription_id, d.post_id, d.event_type, d.payload, d.attempts, d.max_attempts,
                          s.url, s.secret, s.previous_secret, s.previous_secret_expires_at
                """;

        static Claimed read(ResultSet rs) throws SQLException {
            return new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                    rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getString(8),
                    SecretBox.instance().open(rs.getString(9)), SecretBox.instance().open(rs.getString(10)),
                    rs.getObject(11, OffsetDateTime.class));
        }

        public String webhookId() {
            return DeliveryStore.webhookId(id);
        }
    }

    /** The {@code webhook-id} of a delivery: stable across its retries, the receiver's idempotency key. */
    public static String webhookId(UUID deliveryId) {
        return "msg_" + deliveryId.toString().replace("-", "");
    }

    /** The result of one HTTP attempt, as logged. */
    public record Attempt(OffsetDateTime at, Integer statusCode, String error, int latencyMillis, String responseBody) {
    }

    // Due deliveries, oldest first, at most `perSubscription` in flight per subscription, and never one
    // that has an earlier pending delivery about the same post for the same subscription (per-post order).
    private static final String CLAIM = """
            WITH candidates AS (
                SELECT d.id, d.subscription_id, d.next_attempt_at, d.seq,
                       row_number() OVER (PARTITION BY d.subscription_id ORDER BY d.next_attempt_at, d.seq) AS rn
                FROM webhook_delivery d
                JOIN webhook_subscription s ON s.id = d.subscription_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                  AND (d.lease_until IS NULL OR d.lease_until < now())
                  AND (s.active OR d.event_type = 'webhook.test')
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                                  WHERE e.subscription_id = d.subscription_id AND e.post_id = d.post_id
                                    AND e.status = 'pending' AND e.seq < d.seq)
            ), busy AS (
                SELECT subscription_id, count(*) AS n FROM webhook_delivery
                WHERE status = 'pending' AND lease_until >= now() GROUP BY subscription_id
            ), chosen AS (
                SELECT c.id FROM candidates c LEFT JOIN busy b ON b.subscription_id = c.subscription_id
                WHERE c.rn <= ? - coalesce(b.n, 0)
                ORDER BY c.next_attempt_at, c.seq LIMIT ?
            ), locked AS (
                SELECT d.id FROM webhook_delivery d
                WHERE d.id IN (SELECT id FROM chosen) AND d.status = 'pending'
                  AND (d.lease_until IS NULL OR d.lease_until < now())
                FOR UPDATE SKIP LOCKED
            )
            UPDATE webhook_delivery d SET lease_until = now() + (? * interval '1 millisecond')
            FROM locked l, webhook_subscription s
            WHERE d.id = l.id AND s.id = d.subscription_id
            """ + Claimed.COLUMNS;

    private final DataSource dataSource;

    DeliveryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues the event for these subscriptions, in the caller's transaction. A delivery that exists
     * already is left alone, or with {@code requeue} sent again under the same webhook-id.
     *
     * @return the deliveries queued
     */
    public int plan(WebhookEvent event, Collection<UUID> subscriptions, int maxAttempts, boolean requeue) {
        if (subscriptions.isEmpty()) {
            return 0;
        }
        String sql = """
                INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, post_id, post_version,
                    occurred_at, payload, status, attempts, max_attempts, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, now(), now(), now())
                """ + (requeue
                ? """
                  ON CONFLICT (subscription_id, event_id) DO UPDATE
                  SET status = 'pending', attempts = 0, max_attempts = excluded.max_attempts,
                      next_attempt_at = now(), updated_at = now()
                  WHERE webhook_delivery.status <> 'pending'
                  """
                : "ON CONFLICT (subscription_id, event_id) DO NOTHING");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (UUID subscription : subscriptions) {
                s.setObject(1, UUID.randomUUID());
                s.setObject(2, subscription);
                s.setString(3, event.eventId());
                s.setString(4, event.type());
                s.setObject(5, event.postId());
                if (event.postVersion() == null) {
                    s.setNull(6, Types.BIGINT);
                } else {
                    s.setLong(6, event.postVersion());
                }
                s.setObject(7, event.occurredAt());
                s.setString(8, event.body());
                s.setInt(9, maxAttempts);
                s.addBatch();
            }
            int queued = 0;
            for (int n : s.executeBatch()) {
                queued += Math.max(n, 0);
            }
            return queued;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue webhook deliveries", e);
        }
    }

    /** Claims up to {@code limit} due deliveries for {@code lease}. */
    public List<Claimed> claim(int limit, int perSubscription, Duration lease) throws SQLException {
        List<Claimed> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setInt(1, perSubscription);
            s.setInt(2, limit);
            s.setLong(3, lease.toMillis());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Claimed.read(rs));
                }
            }
        }
        return out;
    }

    /** Gives claims back unsent (at shutdown), so another replica takes them at once. */
    public void release(Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE webhook_delivery SET lease_until = NULL WHERE id = ANY (?)")) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            s.setArray(1, array);
            s.executeUpdate();
        }
    }

    /**
     * Sends a finished delivery again now, with the same webhook-id and a fresh retry schedule.
     *
     * @return false when there is no such delivery, or it is being attempted right now
     */
    public boolean redeliver(UUID subscriptionId, UUID deliveryId, int maxAttempts) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE webhook_delivery SET status = 'pending', attempts = 0,
                    max_attempts = CASE WHEN event_type = 'webhook.test' THEN 1 ELSE ? END,
                    next_attempt_at = now(), updated_at = now()
                WHERE id = ? AND subscription_id = ? AND (lease_until IS NULL OR lease_until < now())""")) {
            s.setInt(1, maxAttempts);
            s.setObject(2, deliveryId);
            s.setObject(3, subscriptionId);
            return s.executeUpdate() == 1;
        }
    }
}
