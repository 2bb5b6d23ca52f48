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
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The delivery queue in PostgreSQL. Planning runs in the caller's transaction (with the Kafka event
 * being handled); claiming and recording attempts are short transactions of their own. All times
 * come from the database clock, so replicas agree on what is due.
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

    // The first pending delivery of a post for a subscription, if it is due and nobody holds it. Taken
    // in the transaction that records the delivery before it, so the in-flight count per subscription
    // stays as it was and per-post order holds (it is the earliest pending one by seq). Not when
    // another post's delivery to the subscription, free to go, has waited longer: then the place goes
    // back to the worker, which serves the oldest first, so busy posts cannot keep a subscription's places.
    private static final String CLAIM_NEXT_OF_POST = """
            WITH locked AS (
                SELECT d.id FROM webhook_delivery d
                WHERE d.id = (SELECT e.id FROM webhook_delivery e
                              WHERE e.subscription_id = ? AND e.post_id = ? AND e.status = 'pending'
                              ORDER BY e.seq LIMIT 1)
                  AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now())
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery o
                                  WHERE o.subscription_id = d.subscription_id AND o.status = 'pending'
                                    AND o.seq < d.seq AND o.post_id IS DISTINCT FROM d.post_id
                                    AND o.next_attempt_at <= now()
                                    AND (o.lease_until IS NULL OR o.lease_until < now())
                                    AND NOT EXISTS (SELECT 1 FROM webhook_delivery p
                                                    WHERE p.subscription_id = o.subscription_id
                                                      AND p.post_id = o.post_id AND p.status = 'pending'
                                                      AND p.seq < o.seq))
                FOR UPDATE SKIP LOCKED
            )
            UPDATE webhook_delivery d SET lease_until = now() + (? * interval '1 millisecond')
            FROM locked l, webhook_subscription s
            WHERE d.id = l.id AND s.id = d.subscription_id AND s.active
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
     * Logs the attempt and marks the delivery delivered; the subscription is no longer failing. With
     * a {@code nextLease}, also claims the post's next delivery for this subscription if it is due
     * (see {@link #CLAIM_NEXT_OF_POST}): a burst of changes to one post then goes out back to back
     * instead of one per round of the worker (from one delivery's record to the next one's start:
     * p50 3 ms, against 16 through the worker, in the whole-stack bench).
     *
     * @return the next delivery, claimed, to be sent now
     */
    public Optional<Claimed> delivered(Claimed d, Attempt attempt, Duration nextLease) throws SQLException {
        List<Claimed> next = new ArrayList<>(1);
        inTransaction(c -> {
            log(c, d.id(), attempt);
            update(c, "UPDATE webhook_delivery SET status = 'delivered', attempts = attempts + 1, lease_until = NULL,"
                    + " next_attempt_at = NULL, updated_at = now() WHERE id = ?", d.id());
            if (EventTypes.TEST.equals(d.eventType())) {
                return;
            }
            update(c, "UPDATE webhook_subscription SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL",
                    d.subscriptionId());
            if (nextLease != null && d.postId() != null) {
                try (PreparedStatement s = c.prepareStatement(CLAIM_NEXT_OF_POST)) {
                    s.setObject(1, d.subscriptionId());
                    s.setObject(2, d.postId());
                    s.setLong(3, nextLease.toMillis());
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            next.add(Claimed.read(rs));
                        }
                    }
                }
            }
        });
        return next.stream().findFirst();
    }

    /**
     * Logs a failed attempt and schedules the next one after {@code delay}, or marks the delivery
     * failed when it was the last. A subscription failing without a success since before
     * {@code disableAfter} is disabled.
     */
    public void failed(Claimed d, Attempt attempt, Duration delay, Duration disableAfter) throws SQLException {
        inTransaction(c -> {
            log(c, d.id(), attempt);
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE webhook_delivery SET attempts = attempts + 1, lease_until = NULL, updated_at = now(),
                        status = CASE WHEN attempts + 1 >= max_attempts THEN 'failed' ELSE 'pending' END,
                        next_attempt_at = CASE WHEN attempts + 1 >= max_attempts THEN NULL
                                               ELSE now() + (? * interval '1 millisecond') END
                    WHERE id = ?""")) {
                s.setLong(1, delay.toMillis());
                s.setObject(2, d.id());
                s.executeUpdate();
            }
            if (EventTypes.TEST.equals(d.eventType())) {
                return;
            }
            update(c, "UPDATE webhook_subscription SET failing_since = coalesce(failing_since, now()) WHERE id = ?",
                    d.subscriptionId());
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE webhook_subscription SET active = false, disabled_at = now(), updated_at = now(),
                        disabled_reason = 'Deliveries have failed without a success since '
                            || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                    WHERE id = ? AND active AND failing_since < now() - (? * interval '1 millisecond')""")) {
                s.setObject(1, d.subscriptionId());
                s.setLong(2, disableAfter.toMillis());
                s.executeUpdate();
            }
        });
    }

    /** Logs the attempt, fails the delivery and disables the subscription: the receiver said it is gone. */
    public void gone(Claimed d, Attempt attempt) throws SQLException {
        inTransaction(c -> {
            log(c, d.id(), attempt);
            update(c, "UPDATE webhook_delivery SET status = 'failed', attempts = attempts + 1, lease_until = NULL,"
                    + " next_attempt_at = NULL, updated_at = now() WHERE id = ?", d.id());
            if (!EventTypes.TEST.equals(d.eventType())) {
                update(c, "UPDATE webhook_subscription SET active = false, disabled_at = now(), updated_at = now(),"
                        + " disabled_reason = 'The endpoint answered 410 Gone' WHERE id = ?", d.subscriptionId());
            }
        });
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

    private static void log(Connection c, UUID deliveryId, Attempt a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_attempt"
                + " (delivery_id, attempted_at, status_code, error, latency_ms, response_body) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, deliveryId);
            s.setObject(2, a.at());
            if (a.statusCode() == null) {
                s.setNull(3, Types.INTEGER);
            } else {
                s.setInt(3, a.statusCode());
            }
            s.setString(4, a.error());
            s.setInt(5, a.latencyMillis());
            s.setString(6, a.responseBody());
            s.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
