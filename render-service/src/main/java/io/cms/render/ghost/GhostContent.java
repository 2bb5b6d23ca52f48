package io.cms.render.ghost;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cms.render.ghost.NqlSql.Field;
import io.cms.render.ghost.NqlSql.Kind;
import io.cms.render.service.ContentFields;
import io.cms.render.service.RenderChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The published posts, pages, tags and authors as the Ghost Content API reads them: from this
 * service's renders (rows of the current content schema), filtered by NQL compiled to SQL.
 */
@ApplicationScoped
public class GhostContent {

    /** A published post or page as stored. */
    public record PostRow(UUID id, String slug, String title, String html, String excerpt, String customExcerpt,
            Integer readingTime, JsonNode tags, String authorName, String authorSlug, OffsetDateTime publishedAt,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, JsonNode frontMatter, boolean featured, boolean page,
            List<String> categories) {
    }

    /** A tag or an author: slug, name, how many published posts carry it, and when it was last used. */
    public record Group(String slug, String name, long posts, OffsetDateTime firstUsed, OffsetDateTime lastUsed) {
    }

    public record Found<T>(List<T> items, long total) {
    }

    /** What a post filter may name (issue 24's list, and the same names under Ghost's other spellings). */
    static final Map<String, Field> POST_FIELDS = Map.ofEntries(
            Map.entry("id", Field.of("id", Kind.UUID)),
            Map.entry("uuid", Field.of("id", Kind.UUID)),
            Map.entry("slug", Field.of("slug", Kind.TEXT)),
            Map.entry("title", Field.of("title", Kind.TEXT)),
            Map.entry("tag", new Field("tag_list", Kind.TAGS, "slug")),
            Map.entry("tags", new Field("tag_list", Kind.TAGS, "slug")),
            Map.entry("tags.slug", new Field("tag_list", Kind.TAGS, "slug")),
            Map.entry("tags.name", new Field("tag_list", Kind.TAGS, "name")),
            Map.entry("primary_tag", Field.of("(tag_list->0->>'slug')", Kind.TEXT)),
            Map.entry("primary_tag.slug", Field.of("(tag_list->0->>'slug')", Kind.TEXT)),
            Map.entry("author", Field.of("author_slug", Kind.TEXT)),
            Map.entry("authors", Field.of("author_slug", Kind.TEXT)),
            Map.entry("authors.slug", Field.of("author_slug", Kind.TEXT)),
            Map.entry("authors.name", Field.of("author_name", Kind.TEXT)),
            Map.entry("primary_author", Field.of("author_slug", Kind.TEXT)),
            Map.entry("primary_author.slug", Field.of("author_slug", Kind.TEXT)),
            Map.entry("featured", Field.of("featured", Kind.BOOLEAN)),
            Map.entry("published_at", Field.of("published_at", Kind.TIME)),
            Map.entry("created_at", Field.of("created_at", Kind.TIME)),
            Map.entry("updated_at", Field.of("updated_at", Kind.TIME)),
            Map.entry("visibility", Field.of("visibility", Kind.VISIBILITY)));

    /** Columns a post order may name. */
    static final Map<String, String> POST_ORDER = Map.of("published_at", "published_at", "created_at", "created_at",
            "updated_at", "updated_at", "title", "title", "slug", "slug", "featured", "featured", "reading_time",
            "reading_time_minutes", "id", "id");

    static final Map<String, Field> GROUP_FIELDS = Map.of("slug", Field.of("slug", Kind.TEXT), "name", Field.of("name", Kind.TEXT),
            "visibility", Field.of("visibility", Kind.VISIBILITY));

    static final Map<String, String> GROUP_ORDER = Map.of("slug", "slug", "name", "name", "count.posts", "posts",
            "created_at", "first_used", "updated_at", "last_used");

    /** No filter. */
    static final NqlSql.Where ALL = new NqlSql.Where("true", List.of());

    /** Most tags or authors a read by id looks through (ids are made from slugs, so it looks). */
    static final int MAX_GROUPS = 10_000;

    private static final String POST_COLUMNS = "id, slug, title, html, excerpt, custom_excerpt, reading_time_minutes,"
            + " tag_list::text, author_name, author_slug, published_at, created_at, updated_at, front_matter::text, featured, is_page, categories::text";
    private static final String PUBLISHED = "visible AND content_schema >= " + ContentFields.SCHEMA;
    private static final String TAGS = "SELECT e->>'slug' AS slug, min(e->>'name') AS name, count(*) AS posts,"
            + " min(published_at) AS first_used, max(published_at) AS last_used"
            + " FROM rendered_post CROSS JOIN LATERAL jsonb_array_elements(tag_list) e"
            + " WHERE " + PUBLISHED + " AND NOT is_page GROUP BY 1";
    private static final String AUTHORS = "SELECT author_slug AS slug, min(author_name) AS name, count(*) AS posts,"
            + " min(published_at) AS first_used, max(published_at) AS last_used"
            + " FROM rendered_post WHERE " + PUBLISHED + " AND NOT is_page AND author_slug IS NOT NULL GROUP BY 1";

    /** How long a page of tags or authors is kept at most (changes drop it sooner). */
    static final Duration GROUPS_MAX_AGE = Duration.ofSeconds(60);

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Cache<List<Object>, Found<Group>> groupPages = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(GROUPS_MAX_AGE).executor(Runnable::run).build();
    private final AtomicLong groupsEpoch = new AtomicLong();

    GhostContent(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A page of posts ({@code pages} false) or pages matching the filter, in {@code order} (SQL from {@link #order}). */
    public Found<PostRow> posts(boolean pages, NqlSql.Where where, String order, int limit, int page) throws SQLException {
        String from = " FROM rendered_post WHERE " + PUBLISHED + " AND is_page = " + pages + " AND " + where.sql();
        try (Connection c = dataSource.getConnection()) {
            long total = count(c, "SELECT count(*)" + from, where.params());
            List<PostRow> rows = new ArrayList<>();
            try (PreparedStatement st = prepare(c, "SELECT " + POST_COLUMNS + from + " ORDER BY " + order + " LIMIT ? OFFSET ?",
                    where.params(), limit, (long) (page - 1) * limit); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(post(rs));
                }
            }
            return new Found<>(rows, total);
        }
    }

    /** One post or page by id (when {@code id} is set) or slug. */
    public Optional<PostRow> post(boolean pages, UUID id, String slug) throws SQLException {
        String sql = "SELECT " + POST_COLUMNS + " FROM rendered_post WHERE " + PUBLISHED + " AND is_page = " + pages
                + (id != null ? " AND id = ?" : " AND slug = ? ORDER BY rendered_at DESC LIMIT 1");
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = prepare(c, sql, List.of(id != null ? id : slug));
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(post(rs)) : Optional.empty();
        }
    }

    /** The newest published posts (not pages), of a tag or of an author when one is given (by slug). */
    public List<PostRow> newest(String tag, String author, int limit) throws SQLException {
        NqlSql.Where where = tag != null ? NqlSql.compile(equal("tag", tag), POST_FIELDS)
                : author != null ? NqlSql.compile(equal("author", author), POST_FIELDS) : ALL;
        return posts(false, where, "published_at desc, id", limit, 1).items();
    }

    /**
     * A tag's name by its slug, when a published post carries it (the name the tag list shows: the
     * least of its spellings). Reads only the posts that carry it (the tag index), not every tag.
     */
    public Optional<String> tagName(String slug) throws SQLException {
        return name("SELECT min(e->>'name') FROM rendered_post CROSS JOIN LATERAL jsonb_array_elements(tag_list) e WHERE "
                + PUBLISHED + " AND NOT is_page AND tag_list @> ?::jsonb AND e->>'slug' = ?",
                json.valueToTree(List.of(Map.of("slug", slug))).toString(), slug);
    }

    /** An author's name by their slug, when a published post is theirs. */
    public Optional<String> authorName(String slug) throws SQLException {
        return name("SELECT min(author_name) FROM rendered_post WHERE " + PUBLISHED + " AND NOT is_page AND author_slug = ?", slug);
    }

    private Optional<String> name(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, List.of(params));
                ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    static Nql.Compare equal(String field, String value) {
        return new Nql.Compare(field, Nql.Op.EQ, false, List.of(new Nql.Value(value, true)));
    }

    /**
     * A page of the tags or the authors of published posts (pages not counted). Each is an aggregate
     * over every published post, so pages are kept in memory until a render changes anywhere
     * ({@link RenderChanged}, this replica's or another's through {@code cms.rendered}), at most
     * {@link #GROUPS_MAX_AGE}: a crowd of frontends asking for the tag list costs one query.
     */
    Found<Group> groups(GhostViews.Group kind, NqlSql.Where where, String order, int limit, int page) throws SQLException {
        List<Object> key = new ArrayList<>(List.of(kind, where.sql(), order, limit, page));
        key.addAll(where.params());
        Found<Group> kept = groupPages.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        long before = groupsEpoch.get();
        Found<Group> found = readGroups(kind, where, order, limit, page);
        groupPages.put(key, found);
        if (groupsEpoch.get() != before) {
            groupPages.invalidate(key); // a render changed while this was read: do not keep what may be older
        }
        return found;
    }

    void changed(@Observes RenderChanged change) {
        groupsEpoch.incrementAndGet();
        groupPages.invalidateAll();
    }

    private Found<Group> readGroups(GhostViews.Group kind, NqlSql.Where where, String order, int limit, int page) throws SQLException {
        String from = " FROM (" + (kind == GhostViews.Group.TAG ? TAGS : AUTHORS) + ") g WHERE " + where.sql();
        try (Connection c = dataSource.getConnection()) {
            long total = count(c, "SELECT count(*)" + from, where.params());
            List<Group> rows = new ArrayList<>();
            try (PreparedStatement st = prepare(c, "SELECT slug, name, posts, first_used, last_used" + from + " ORDER BY " + order
                    + " LIMIT ? OFFSET ?", where.params(), limit, (long) (page - 1) * limit); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Group(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, OffsetDateTime.class),
                            rs.getObject(5, OffsetDateTime.class)));
                }
            }
            return new Found<>(rows, total);
        }
    }

    private static long count(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement st = prepare(c, sql, params); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params, Object... more) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        int i = 0;
        for (Object p : params) {
            st.setObject(++i, p);
        }
        for (Object p : more) {
            st.setObject(++i, p);
        }
        return st;
    }

    private PostRow post(ResultSet rs) throws SQLException {
        try {
            String fm = rs.getString(14);
            return new PostRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), (Integer) rs.getObject(7), json.readTree(rs.getString(8)), rs.getString(9), rs.getString(10),
                    rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class),
                    rs.getObject(13, OffsetDateTime.class), fm == null ? null : json.readTree(fm), rs.getBoolean(15),
                    rs.getBoolean(16), List.of(json.readValue(rs.getString(17), String[].class)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("a stored json column does not parse", e);
        }
    }
}
