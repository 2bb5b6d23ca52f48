package io.cms.render.terms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.cms.common.messaging.TermChangedEvent;
import io.cms.render.changes.ChangeLog;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tags and authors from {@code cms.terms}: stored by id, the newest version winning however events
 * race (a deletion is kept as a row marked deleted, so an older event arriving late cannot bring the
 * term back), and each applied change numbered into the change feed in commit order.
 */
@ApplicationScoped
public class TermStore {

    // The change feed's row under the advisory lock the render store takes for its rows (RenderStore).
    private static final String UPSERT = ChangeLog.IN_COMMIT_ORDER + """
            up AS (
                INSERT INTO term AS t (id, kind, slug, name, description, image, cover_image, website, location, twitter,
                    facebook, accent_color, meta_title, meta_description, version, deleted, updated_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM ordered
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, slug = EXCLUDED.slug, name = EXCLUDED.name,
                    description = EXCLUDED.description, image = EXCLUDED.image, cover_image = EXCLUDED.cover_image,
                    website = EXCLUDED.website, location = EXCLUDED.location, twitter = EXCLUDED.twitter,
                    facebook = EXCLUDED.facebook, accent_color = EXCLUDED.accent_color, meta_title = EXCLUDED.meta_title,
                    meta_description = EXCLUDED.meta_description, version = EXCLUDED.version, deleted = EXCLUDED.deleted,
                    updated_at = EXCLUDED.updated_at
                WHERE t.version < EXCLUDED.version
                RETURNING t.id, t.slug, t.version)
            INSERT INTO content_change (post_id, slug, kind, version)
            SELECT id, slug, ?, version FROM up
            RETURNING id""";

    private static final String COLUMNS = "id, kind, slug, name, description, image, cover_image, website, location, twitter,"
            + " facebook, accent_color, meta_title, meta_description";

    private final DataSource dataSource;

    TermStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return whether the event was newer than what was stored (and so is now a change in the feed) */
    public boolean apply(TermChangedEvent e, String change) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(UPSERT)) {
            int i = 0;
            st.setObject(++i, e.id());
            st.setString(++i, e.kind());
            st.setString(++i, e.slug());
            st.setString(++i, e.name());
            for (String s : new String[] {e.description(), e.image(), e.coverImage(), e.website(), e.location(), e.twitter(),
                    e.facebook(), e.accentColor(), e.metaTitle(), e.metaDescription()}) {
                st.setString(++i, s);
            }
            st.setLong(++i, e.version());
            st.setBoolean(++i, e.deleted());
            st.setObject(++i, e.updatedAt());
            st.setString(++i, e.kind() + "." + change);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The live terms of {@code kind} with these slugs, by slug (the newest where two share one). */
    public Map<String, TermRow> bySlugs(String kind, Collection<String> slugs) throws SQLException {
        Map<String, TermRow> out = new HashMap<>();
        if (slugs.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM term WHERE kind = ? AND slug = ANY(?) AND NOT deleted ORDER BY updated_at")) {
            st.setString(1, kind);
            st.setArray(2, c.createArrayOf("text", slugs.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    TermRow row = row(rs);
                    out.put(row.slug(), row);
                }
            }
        }
        return out;
    }

    /** The live term of {@code kind} with this id. */
    public Optional<TermRow> byId(String kind, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM term WHERE kind = ? AND id = ? AND NOT deleted")) {
            st.setString(1, kind);
            st.setObject(2, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static TermRow row(ResultSet rs) throws SQLException {
        return new TermRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getString(14));
    }
}
