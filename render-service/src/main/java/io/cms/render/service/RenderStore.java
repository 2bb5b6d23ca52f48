package io.cms.render.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.messaging.PostChangedEvent;
import io.cms.common.rest.IdOrSlug;
import io.cms.render.RenderedPost;
import io.cms.render.changes.ChangeLog;
import io.cms.render.markdown.RenderResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Stores renders, newest version wins: an event not newer than what is stored changes nothing. */
@ApplicationScoped
public class RenderStore {

    /** What applying an event did. */
    public enum Outcome {
        RENDERED, REMOVED, STALE
    }

    /**
     * The outcome, the version stored after the statement, and the row as written (null when stale:
     * a newer version was there and stays).
     */
    public record Saved(Outcome outcome, long storedVersion, RenderedPost row) {
    }

    // One statement in auto-commit: a single round trip to PostgreSQL (select for update, update and
    // commit were three, each a context switch on both sides). The WHERE clause of the conflict branch
    // is evaluated on the locked row, so the newest version wins however events race. The same
    // statement writes the change feed's row (content_change) under a transaction-scoped advisory
    // lock taken first, so rows are numbered in commit order and a reader never skips one that
    // commits late. What the row says: published (newly visible), updated (a new version, or the
    // HTML or slug changed in a rebuild), deleted or unpublished (visible before, not now).
    private static final String UPSERT = ChangeLog.IN_COMMIT_ORDER + """
            old AS (SELECT visible, version, slug, md5(coalesce(html, '')) AS html_hash FROM rendered_post WHERE id = ?),
            up AS (
                INSERT INTO rendered_post AS r (id, version, visible, slug, title, html, toc, excerpt,
                    reading_time_minutes, word_count, cjk_char_count, char_count, warnings, rendered_at,
                    content_schema, is_page, featured, tag_list, author_name, author_slug, owner_id, custom_excerpt,
                    lang, published_at, created_at, updated_at, front_matter, categories)
                SELECT ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb
                FROM ordered
                ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, visible = EXCLUDED.visible,
                    slug = EXCLUDED.slug, title = EXCLUDED.title, html = EXCLUDED.html, toc = EXCLUDED.toc,
                    excerpt = EXCLUDED.excerpt, reading_time_minutes = EXCLUDED.reading_time_minutes,
                    word_count = EXCLUDED.word_count, cjk_char_count = EXCLUDED.cjk_char_count,
                    char_count = EXCLUDED.char_count, warnings = EXCLUDED.warnings, rendered_at = EXCLUDED.rendered_at,
                    content_schema = EXCLUDED.content_schema, is_page = EXCLUDED.is_page, featured = EXCLUDED.featured,
                    tag_list = EXCLUDED.tag_list, author_name = EXCLUDED.author_name, author_slug = EXCLUDED.author_slug,
                    owner_id = EXCLUDED.owner_id, custom_excerpt = EXCLUDED.custom_excerpt, lang = EXCLUDED.lang,
                    published_at = EXCLUDED.published_at, created_at = EXCLUDED.created_at,
                    updated_at = EXCLUDED.updated_at, front_matter = EXCLUDED.front_matter, categories = EXCLUDED.categories
                WHERE r.version < EXCLUDED.version OR (? AND r.version = EXCLUDED.version)
                RETURNING r.id, r.visible, r.version, r.slug, md5(coalesce(r.html, '')) AS html_hash),
            change AS (
                INSERT INTO content_change (post_id, slug, kind, version)
                SELECT up.id, up.slug, CASE WHEN up.visible AND NOT coalesce(old.visible, false) THEN 'post.published'
                        WHEN up.visible THEN 'post.updated' WHEN ? THEN 'post.deleted' ELSE 'post.unpublished' END, up.version
                FROM up LEFT JOIN old ON true
                WHERE CASE WHEN up.visible THEN NOT coalesce(old.visible, false) OR up.version > old.version
                        OR up.html_hash <> old.html_hash OR up.slug IS DISTINCT FROM old.slug
                    ELSE coalesce(old.visible, false) END
                RETURNING id)
            SELECT (SELECT count(*) FROM up), (SELECT max(id) FROM change)""";

    private final DataSource dataSource;
    private final ObjectMapper json;

    RenderStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * @param result the render, or null when the post is no longer public
     * @param force apply an event of the version already stored too (a rebuild after a renderer change)
     */
    public Saved save(PostChangedEvent event, RenderResult result, boolean force) {
        RenderedPost row = new RenderedPost();
        row.id = event.id();
        row.version = event.version();
        row.renderedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
        row.visible = result != null;
        row.slug = event.slug();
        row.title = event.title();
        if (result != null) {
            row.html = result.html();
            row.toc = result.toc();
            row.excerpt = result.excerpt();
            row.readingTimeMinutes = result.readingTimeMinutes();
            row.wordCount = result.wordCount();
            row.cjkCharCount = result.cjkCharCount();
            row.charCount = result.charCount();
            row.warnings = result.warnings();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(UPSERT)) {
            int i = 0;
            st.setObject(++i, row.id);
            st.setObject(++i, row.id);
            st.setLong(++i, row.version);
            st.setBoolean(++i, row.visible);
            st.setString(++i, row.slug);
            st.setString(++i, row.title);
            st.setString(++i, row.html);
            st.setString(++i, toJson(row.toc));
            st.setString(++i, row.excerpt);
            st.setObject(++i, row.readingTimeMinutes, Types.INTEGER);
            st.setObject(++i, row.wordCount, Types.INTEGER);
            st.setObject(++i, row.cjkCharCount, Types.INTEGER);
            st.setObject(++i, row.charCount, Types.INTEGER);
            st.setString(++i, toJson(row.warnings));
            st.setObject(++i, row.renderedAt);
            ContentFields content = result == null ? ContentFields.NONE : ContentFields.of(event);
            st.setInt(++i, ContentFields.SCHEMA);
            st.setBoolean(++i, content.page());
            st.setBoolean(++i, content.featured());
            st.setString(++i, toJson(content.tags()));
            st.setString(++i, content.authorName());
            st.setString(++i, content.authorSlug());
            st.setObject(++i, event.ownerId());
            st.setString(++i, result == null ? null : event.excerpt());
            st.setString(++i, result == null ? null : event.lang());
            st.setObject(++i, result == null ? null : event.publishedAt());
            st.setObject(++i, result == null ? null : event.createdAt());
            st.setObject(++i, result == null ? null : event.updatedAt());
            st.setString(++i, result == null ? null : toJson(event.frontMatter()));
            st.setString(++i, toJson(content.categories()));
            st.setBoolean(++i, force);
            st.setBoolean(++i, event.deleted());
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 1) {
                    return new Saved(result == null ? Outcome.REMOVED : Outcome.RENDERED, row.version, row);
                }
            }
            return new Saved(Outcome.STALE, storedVersion(c, row.id), null);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the render of " + event.id() + ": " + e.getMessage(), e);
        }
    }

    private static long storedVersion(Connection c, UUID id) throws SQLException {
        return firstLong(c, "SELECT version FROM rendered_post WHERE id = ?", id);
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A visible render by id, or by slug (the newest render when a slug moved between posts). */
    @Transactional
    public Optional<RenderedPost> findVisible(String idOrSlug) {
        UUID id = IdOrSlug.id(idOrSlug);
        if (id != null) {
            Optional<RenderedPost> byId = RenderedPost.<RenderedPost>findByIdOptional(id).filter(p -> p.visible);
            if (byId.isPresent()) {
                return byId;
            }
        }
        return RenderedPost.<RenderedPost>find("slug = ?1 and visible = true order by renderedAt desc", idOrSlug)
                .firstResultOptional();
    }

    /**
     * The version {@link #findVisible} would serve (0 if none), without loading the row: what a
     * read-your-writes request probes while it waits.
     */
    public long visibleVersion(String idOrSlug) {
        UUID id = IdOrSlug.id(idOrSlug);
        try (Connection c = dataSource.getConnection()) {
            if (id != null) {
                long v = firstLong(c, "SELECT version FROM rendered_post WHERE id = ? AND visible", id);
                if (v > 0) {
                    return v;
                }
            }
            return firstLong(c, "SELECT version FROM rendered_post WHERE slug = ? AND visible ORDER BY rendered_at DESC LIMIT 1",
                    idOrSlug);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the rendered version of " + idOrSlug + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@link #visibleVersion} of many keys (ids or slugs) in one query: what the read-your-writes
     * poll asks for every key someone waits for. Keys with no visible render are left out.
     */
    public Map<String, Long> visibleVersions(Collection<String> keys) {
        List<UUID> ids = new ArrayList<>();
        for (String k : keys) {
            UUID id = IdOrSlug.id(k);
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT id, slug, version FROM rendered_post WHERE visible AND (id = ANY(?) OR slug = ANY(?))")) {
            st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            st.setArray(2, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long version = rs.getLong(3);
                    out.merge(rs.getObject(1, UUID.class).toString(), version, Math::max);
                    out.merge(rs.getString(2), version, Math::max);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read rendered versions: " + e.getMessage(), e);
        }
        out.keySet().retainAll(keys);
        return out;
    }

    private static long firstLong(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
