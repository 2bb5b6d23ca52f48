package io.cms.render.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.cms.common.messaging.SiteChangedEvent;
import io.cms.common.site.Permalinks;
import io.cms.common.site.SiteSettings;
import io.cms.render.changes.ChangeLog;
import io.cms.render.ghost.GhostSite;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The site as the Content API, the feeds and the sitemap describe it: the configuration
 * ({@link GhostSite}, {@code CMS_SITE_*}) with what post-service's API set on top, from
 * {@code cms.settings}. The consumer that owns the topic's partition stores a change; every replica
 * reads the stored settings again when its copy is two seconds old, so all of them follow within that.
 */
@ApplicationScoped
public class Site {

    private static final Logger LOG = Logger.getLogger(Site.class);

    private record Current(SiteSettings settings, Permalinks links, long version, long readAt) {
    }

    private static final long FRESH_NANOS = 2_000_000_000L;

    private final GhostSite config;
    private final DataSource dataSource;
    private volatile Current current;

    Site(GhostSite config, DataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    /** A configured site that could not serve stops the service here, with the reason. */
    void start(@Observes StartupEvent started) throws SQLException {
        defaults().requireServable();
        reload();
    }

    public Permalinks links() {
        return current().links();
    }

    public String title() {
        return current().settings().title();
    }

    public Optional<String> description() {
        return Optional.ofNullable(current().settings().description());
    }

    public String lang() {
        return current().settings().lang();
    }

    public String timezone() {
        return current().settings().timezone();
    }

    /** Where render-service itself is reached (configuration only: it is the deployment's, not the site's). */
    public String publicUrl() {
        return config.publicUrl();
    }

    /**
     * Stores a change from {@code cms.settings} (the newest version wins) and takes it up at once; a
     * newer version is a {@code site.updated} change in the change feed (frontends rebuild what names
     * the site), written by the same statement.
     */
    public void apply(SiteChangedEvent e) throws SQLException {
        SiteSettings o = e.overrides();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(ChangeLog.IN_COMMIT_ORDER + """
                up AS (
                    INSERT INTO site_settings AS s (id, url, title, description, lang, timezone, permalink, version, updated_at)
                    SELECT 1, ?, ?, ?, ?, ?, ?, ?, ? FROM ordered
                    ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, title = EXCLUDED.title, description = EXCLUDED.description,
                        lang = EXCLUDED.lang, timezone = EXCLUDED.timezone, permalink = EXCLUDED.permalink,
                        version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
                    WHERE s.version < EXCLUDED.version
                    RETURNING s.version)
                INSERT INTO content_change (post_id, slug, kind, version)
                SELECT ?, NULL, 'site.updated', version FROM up""")) {
            int i = 0;
            for (String v : new String[] {o.url(), o.title(), o.description(), o.lang(), o.timezone(), o.permalink()}) {
                st.setString(++i, v);
            }
            st.setLong(++i, e.version());
            st.setObject(++i, e.updatedAt());
            st.setObject(++i, ChangeLog.SITE);
            st.executeUpdate();
        }
        reload();
    }

    /** The settings in use, read again when they are two seconds old (a database away: the ones in use stay). */
    private Current current() {
        Current c = current;
        if (c == null || System.nanoTime() - c.readAt() > FRESH_NANOS) {
            try {
                reload();
            } catch (SQLException e) {
                LOG.debugf("Site settings not read (%s); the ones in use stay", e.getMessage());
                if (c != null) {
                    current = new Current(c.settings(), c.links(), c.version(), System.nanoTime());
                }
            }
            c = current;
        }
        return c != null ? c : new Current(defaults(), Permalinks.of(defaults()), 0, System.nanoTime());
    }

    private synchronized void reload() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT url, title, description, lang, timezone, permalink, version FROM site_settings WHERE id = 1");
                ResultSet rs = st.executeQuery()) {
            SiteSettings overrides = rs.next() ? new SiteSettings(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6)) : new SiteSettings(null, null, null, null, null, null);
            long version = rs.getRow() == 0 ? 0 : rs.getLong(7);
            Current before = current;
            if (before != null && before.version() == version) {
                current = new Current(before.settings(), before.links(), version, System.nanoTime());
                return;
            }
            SiteSettings settings = defaults().with(overrides);
            if (!settings.problems().isEmpty()) {
                // Checked by post-service against its configuration; this replica's differs. Keep serving.
                LOG.warnf("Site settings version %d do not fit this service's configuration (%s); the configured ones stay",
                        version, settings.problems().get(0).message());
                settings = defaults();
            }
            current = new Current(settings, Permalinks.of(settings), version, System.nanoTime());
        }
    }

    private SiteSettings defaults() {
        return new SiteSettings(config.url(), config.title(), config.description().orElse(null), config.lang(),
                config.timezone(), config.permalink());
    }
}
