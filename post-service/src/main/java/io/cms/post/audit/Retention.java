package io.cms.post.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

/**
 * Deletes rows past their retention in batches, each its own short statement, so pruning a large
 * backlog never holds locks for long or fills the WAL in one transaction. Idempotent: every
 * replica may run it.
 */
public final class Retention {

    public static final int BATCH = 5_000;

    private Retention() {
    }

    /**
     * @param delete a DELETE whose first parameter is the age in milliseconds and second the batch
     *        size, e.g. {@code DELETE FROM t WHERE id IN (SELECT id FROM t WHERE at < now() - (? * interval
     *        '1 millisecond') LIMIT ?)}
     * @return rows deleted
     */
    public static int deleteOlderThan(DataSource dataSource, String delete, Duration age) throws SQLException {
        int total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(delete)) {
            int n;
            do {
                s.setLong(1, age.toMillis());
                s.setInt(2, BATCH);
                n = s.executeUpdate();
                total += n;
            } while (n == BATCH);
        }
        return total;
    }
}
