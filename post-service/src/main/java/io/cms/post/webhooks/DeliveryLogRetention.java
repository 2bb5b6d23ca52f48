package io.cms.post.webhooks;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.cms.post.audit.Retention;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Keeps the delivery log from growing forever: finished deliveries (delivered or failed) older than
 * {@code cms.webhooks.log-retention} are deleted with their attempts. Pending ones are never touched.
 * Runs on every replica; the delete is idempotent and batched so it never holds locks for long.
 */
@ApplicationScoped
public class DeliveryLogRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryLogRetention.class);

    private final DataSource dataSource;
    private final WebhookConfig config;

    DeliveryLogRetention(DataSource dataSource, WebhookConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        try {
            int deleted = deleteFinishedBefore(config.logRetention().toMillis());
            if (deleted > 0) {
                LOG.infof("Deleted %d webhook deliveries older than %s from the log", deleted, config.logRetention());
            }
        } catch (SQLException e) {
            LOG.warnf("Pruning the webhook delivery log failed (%s); next hour it tries again", e.getMessage());
        }
    }

    /** @return deliveries deleted */
    int deleteFinishedBefore(long ageMillis) throws SQLException {
        return Retention.deleteOlderThan(dataSource, """
                DELETE FROM webhook_delivery WHERE id IN (
                    SELECT id FROM webhook_delivery
                    WHERE status <> 'pending' AND updated_at < now() - (? * interval '1 millisecond')
                    LIMIT ?)""", Duration.ofMillis(ageMillis));
    }
}
