package io.cms.post.webhooks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads the delivery log: deliveries of a subscription with every attempt made. */
@ApplicationScoped
public class DeliveryLog {

    /** A delivery as the log shows it. */
    public record Entry(UUID id, String webhookId, String eventType, String eventId, UUID postId, Long postVersion,
            String status, OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            String payload, List<DeliveryStore.Attempt> attempts) {
    }

    /** Which deliveries to list; null fields do not filter. */
    public record Filter(String status, String eventType, UUID postId) {
    }

    public record Page(List<Entry> items, long total) {
    }

    private static final String COLUMNS = "id, event_type, event_id, post_id, post_version, status, next_attempt_at,"
            + " created_at, updated_at, payload";

    private final DataSource dataSource;

    DeliveryLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Newest first. */
    public Page page(UUID subscriptionId, Filter filter, int page, int limit) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE subscription_id = ?");
        List<Object> args = new ArrayList<>(List.of(subscriptionId));
        if (filter.status() != null) {
            where.append(" AND status = ?");
            args.add(filter.status());
        }
        if (filter.eventType() != null) {
            where.append(" AND event_type = ?");
            args.add(filter.eventType());
        }
        if (filter.postId() != null) {
            where.append(" AND post_id = ?");
            args.add(filter.postId());
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM webhook_delivery" + where)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Entry> items;
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM webhook_delivery" + where
                    + " ORDER BY seq DESC LIMIT ? OFFSET ?")) {
                bind(s, args);
                s.setInt(args.size() + 1, limit);
                s.setLong(args.size() + 2, (long) (page - 1) * limit);
                items = entries(c, s);
            }
            return new Page(items, total);
        }
    }

    public Optional<Entry> one(UUID subscriptionId, UUID deliveryId) throws SQLException {
        return single("id = ?", subscriptionId, deliveryId);
    }

    public Optional<Entry> byEventId(UUID subscriptionId, String eventId) throws SQLException {
        return single("event_id = ?", subscriptionId, eventId);
    }

    private Optional<Entry> single(String condition, UUID subscriptionId, Object value) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM webhook_delivery WHERE subscription_id = ? AND " + condition)) {
            s.setObject(1, subscriptionId);
            s.setObject(2, value);
            return entries(c, s).stream().findFirst();
        }
    }

    private static List<Entry> entries(Connection c, PreparedStatement s) throws SQLException {
        Map<UUID, Object[]> rows = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                long version = rs.getLong(5);
                rows.put(id, new Object[] {rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
                        rs.wasNull() ? null : version, rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class), rs.getString(10)});
            }
        }
        Map<UUID, List<DeliveryStore.Attempt>> attempts = attempts(c, rows.keySet().toArray(UUID[]::new));
        List<Entry> out = new ArrayList<>();
        rows.forEach((id, r) -> out.add(new Entry(id, DeliveryStore.webhookId(id), (String) r[0],
                (String) r[1], (UUID) r[2], (Long) r[3], (String) r[4], (OffsetDateTime) r[5], (OffsetDateTime) r[6],
                (OffsetDateTime) r[7], (String) r[8], attempts.getOrDefault(id, List.of()))));
        return out;
    }

    private static Map<UUID, List<DeliveryStore.Attempt>> attempts(Connection c, UUID[] ids) throws SQLException {
        Map<UUID, List<DeliveryStore.Attempt>> out = new LinkedHashMap<>();
        if (ids.length == 0) {
            return out;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT delivery_id, attempted_at, status_code, error, latency_ms,"
                + " response_body FROM webhook_attempt WHERE delivery_id = ANY (?) ORDER BY id")) {
            Array array = c.createArrayOf("uuid", ids);
            s.setArray(1, array);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(3);
                    Integer status = rs.wasNull() ? null : code;
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new DeliveryStore.Attempt(
                            rs.getObject(2, OffsetDateTime.class), status, rs.getString(4), rs.getInt(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }
}
