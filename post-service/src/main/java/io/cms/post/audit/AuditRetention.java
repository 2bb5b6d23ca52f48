package io.cms.post.audit;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Keeps the audit trail to {@code cms.audit.retention}: older entries are deleted, hourly, in batches. */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final DataSource dataSource;
    private final Duration retention;

    AuditRetention(DataSource dataSource, @ConfigProperty(name = "cms.audit.retention") Duration retention) {
        this.dataSource = dataSource;
        this.retention = retention;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        try {
            int deleted = deleteOlderThan(retention);
            if (deleted > 0) {
                LOG.infof("Deleted %d audit entries older than %s", deleted, retention);
            }
        } catch (SQLException e) {
            LOG.warnf("Pruning the audit trail failed (%s); next hour it tries again", e.getMessage());
        }
    }

    /** @return entries deleted */
    int deleteOlderThan(Duration age) throws SQLException {
        return Retention.deleteOlderThan(dataSource, """
                DELETE FROM audit_event WHERE id IN (
                    SELECT id FROM audit_event WHERE at < now() - (? * interval '1 millisecond') LIMIT ?)""", age);
    }
}
