package io.cms.post.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.postgresql.PGConnection;

/**
 * The relay's own database session: it holds the advisory lock that makes one replica the relay,
 * listens for the commit-time notification, and reads and deletes outbox rows.
 *
 * <p>It is a plain JDBC connection, not a pooled one: the lock lives exactly as long as this
 * session, and if the session dies PostgreSQL releases the lock so another replica takes over.
 * A session must also die when its relay is cut off, not only when it closes: the server ends it
 * after {@code sessionTimeout} without a statement ({@code idle_session_timeout}; a live relay sends
 * one at least every second, see {@link OutboxRelay}) and probes the peer with TCP keep-alives, and
 * the relay's own socket reads give up after the same time. A relay that lost its session without
 * noticing is then fenced by Kafka ({@link OutboxPublisher}).
 */
final class OutboxStore implements AutoCloseable {

    /** Arbitrary but fixed: every replica competes for this advisory lock key. */
    static final long RELAY_LOCK_KEY = 0x636d735f6f7574L; // "cms_out"
    static final String CHANNEL = "cms_outbox";

    /** A row read from the outbox. */
    record Row(long id, UUID eventId, String aggregateId, String type, OffsetDateTime occurredAt, String payload) {
    }

    private final Connection connection;

    OutboxStore(String url, String user, Optional<String> password, Duration sessionTimeout) throws SQLException {
        int seconds = (int) Math.max(1, sessionTimeout.toSeconds());
        Properties props = new Properties();
        props.setProperty("user", user);
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "cms-outbox-relay");
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds));
        props.setProperty("tcpKeepAlive", "true");
        // Server settings go with the start-up packet: no round trips of their own (standbys connect
        // every few seconds). Keep-alives from the server find a peer that vanished mid-statement.
        props.setProperty("options", "-c idle_session_timeout=" + seconds + "s"
                + " -c tcp_keepalives_idle=" + Math.max(1, seconds / 3)
                + " -c tcp_keepalives_interval=" + Math.max(1, seconds / 6)
                + " -c tcp_keepalives_count=3"
                + " -c tcp_user_timeout=" + seconds * 1000);
        this.connection = DriverManager.getConnection(url, props);
        this.connection.setAutoCommit(true);
    }

    boolean tryBecomeRelay() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, RELAY_LOCK_KEY);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** A round trip that proves the session, and so the relay lock, is still there. */
    void ping() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    void listen() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
    }

    /** Waits until a transaction that wrote to the outbox commits, or the timeout passes. */
    void awaitCommit(int timeoutMillis) throws SQLException {
        connection.unwrap(PGConnection.class).getNotifications(timeoutMillis);
    }

    List<Row> next(int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT id, event_id, aggregate_id, type, occurred_at, payload FROM outbox WHERE parked_at IS NULL "
                        + "ORDER BY id LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getString(6)));
                }
            }
        }
        return rows;
    }

    void delete(List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
            Array array = connection.createArrayOf("bigint", ids);
            s.setArray(1, array);
            s.executeUpdate();
        }
    }

    /** Sets an event Kafka refused for good aside, so the events behind it flow; see {@link ParkedEvents}. */
    void park(Row row, String reason) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(ParkedEvents.PARK)) {
            s.setString(1, reason);
            s.setLong(2, row.id());
            s.executeUpdate();
        }
    }

    /** Puts every parked event back in line; returns how many. */
    int unparkAll() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ParkedEvents.UNPARK_ALL)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The session is gone either way; PostgreSQL frees the lock with it.
        }
    }
}
