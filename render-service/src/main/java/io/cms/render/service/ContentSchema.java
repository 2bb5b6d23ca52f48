package io.cms.render.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start-up, renders stored before a column existed (an upgrade) are stored again from
 * {@code cms.posts}: a rebuild, with every render served meanwhile as it was.
 */
@ApplicationScoped
class ContentSchema {

    private static final Logger LOG = Logger.getLogger(ContentSchema.class);

    private final DataSource dataSource;
    private final Rebuild rebuild;

    ContentSchema(DataSource dataSource, Rebuild rebuild) {
        this.dataSource = dataSource;
        this.rebuild = rebuild;
    }

    void onStart(@Observes StartupEvent started) throws SQLException {
        long older = olderRows();
        if (older > 0) {
            LOG.infof("%d renders were stored before content schema %d: re-rendering everything from cms.posts", older,
                    ContentFields.SCHEMA);
            rebuild.start();
        }
    }

    long olderRows() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM rendered_post WHERE visible AND content_schema < ?")) {
            st.setInt(1, ContentFields.SCHEMA);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
