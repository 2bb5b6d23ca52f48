package io.cms.post.taxonomy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Gives posts written before tags and authors were entities their term slugs, and their terms an
 * entity each, a batch per transaction, soon after start-up (then it finds nothing, through a partial
 * index, once a minute). It does not change the posts' versions: the slugs are derived, not content.
 */
@ApplicationScoped
public class TermBackfill {

    private static final Logger LOG = Logger.getLogger(TermBackfill.class);
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final ObjectMapper json;

    TermBackfill(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @Scheduled(every = "1m", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        try {
            int total = 0;
            for (int n; (n = batch()) > 0; ) {
                total += n;
            }
            if (total > 0) {
                LOG.infof("Gave %d posts their tag and author entities", total);
            }
        } catch (SQLException e) {
            LOG.warnf("Backfilling tags and authors failed (%s); it tries again in a minute", e.getMessage());
        }
    }

    /** @return posts done */
    int batch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int done = 0;
            try (PreparedStatement select = c.prepareStatement("SELECT id, tags, author, owner_id FROM post "
                    + "WHERE tag_slugs IS NULL LIMIT ? FOR UPDATE SKIP LOCKED");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE post SET tag_slugs = ?, author_slug = ? WHERE id = ?")) {
                select.setInt(1, BATCH);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        List<String> tags = Arrays.asList((String[]) rs.getArray(2).getArray());
                        String author = rs.getString(3);
                        Array slugs = c.createArrayOf("varchar",
                                tags.stream().map(TermKind.TAG::slug).distinct().toArray());
                        update.setArray(1, slugs);
                        update.setString(2, author == null ? null : TermKind.AUTHOR.slug(author));
                        update.setObject(3, rs.getObject(1, UUID.class));
                        update.executeUpdate();
                        for (var created : TermRows.ensure(c, tags, author, rs.getObject(4, UUID.class))) {
                            TermRows.writeEvent(c, created, "created", toJson(created));
                        }
                        done++;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return done;
        }
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
