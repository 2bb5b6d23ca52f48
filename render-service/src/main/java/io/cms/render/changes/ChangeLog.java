package io.cms.render.changes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The rows of the change feed ({@code content_change}), numbered in commit order by the render store. */
@ApplicationScoped
public class ChangeLog {

    /**
     * The start of every statement that writes a change row: a transaction-scoped advisory lock taken
     * first, so rows are numbered in commit order and a reader never skips one that commits late.
     */
    public static final String IN_COMMIT_ORDER = "WITH ordered AS (SELECT pg_advisory_xact_lock(7304251)),\n";

    /** The subject of the site's settings changes ({@code siteId}: Ghost's settings have no id, so a fixed one). */
    public static final UUID SITE = UUID.nameUUIDFromBytes("site".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    /** One change: what a frontend revalidates. */
    public record Change(long id, UUID postId, String slug, String kind, long version, OffsetDateTime at) {
    }

    private final DataSource dataSource;

    ChangeLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} changes after {@code after}, oldest first. */
    public List<Change> after(long after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, post_id, slug, kind, version, changed_at FROM content_change WHERE id > ? ORDER BY id LIMIT ?")) {
            st.setLong(1, after);
            st.setInt(2, limit);
            List<Change> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Change(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getObject(6, OffsetDateTime.class)));
                }
            }
            return out;
        }
    }

    /** The newest change's id (0 when there is none). */
    public long head() throws SQLException {
        return single("SELECT coalesce(max(id), 0) FROM content_change");
    }

    /**
     * The id just before the oldest change kept (with none kept, the last id ever given): a reader
     * behind it has missed pruned changes.
     */
    public long floor() throws SQLException {
        return single("SELECT coalesce(min(id) - 1, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END"
                + " FROM content_change_id_seq)) FROM content_change");
    }

    /** Deletes the changes older than {@code keep}; returns how many. */
    public int prune(Duration keep) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM content_change WHERE changed_at < now() - ?::interval")) {
            st.setString(1, keep.toSeconds() + " seconds");
            return st.executeUpdate();
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
