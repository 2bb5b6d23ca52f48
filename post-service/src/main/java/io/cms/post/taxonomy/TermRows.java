package io.cms.post.taxonomy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import io.cms.common.messaging.TermChangedEvent;

/**
 * Makes sure every tag and author a post names exists as an entity, in the transaction of the post's
 * change: a new name becomes a term with nothing but its name. An existing term is left alone and
 * not locked ({@code DO NOTHING}), so writers of posts with the same tags never wait for each
 * other; rows are inserted in slug order, so two that add the same new terms cannot deadlock.
 */
public final class TermRows {

    // A term's id is the one render-service derives from its slug unless a renamed term took it.
    // An author whose name is the name of the post's owner is that user's author, unless the user
    // already has one.
    private static final String ENSURE = """
            INSERT INTO taxonomy_term (id, kind, slug, name, user_id)
            SELECT CASE WHEN EXISTS (SELECT 1 FROM taxonomy_term t WHERE t.id = x.id) THEN gen_random_uuid() ELSE x.id END,
                x.kind, x.slug, x.name, u.id
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]) AS x(id, kind, slug, name)
            LEFT JOIN cms_user u ON x.kind = 'author' AND u.id = ? AND lower(u.name) = lower(x.name)
                AND NOT EXISTS (SELECT 1 FROM taxonomy_term t WHERE t.user_id = u.id)
            ORDER BY x.kind, x.slug
            ON CONFLICT DO NOTHING
            RETURNING id, kind, slug, name, user_id, version, updated_at""";

    private static final String OUTBOX = """
            INSERT INTO outbox (event_id, aggregate_type, aggregate_id, type, occurred_at, payload)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private TermRows() {
    }

    /** The terms that did not exist yet, as inserted (their creation events are the caller's). */
    public static List<TermChangedEvent> ensure(Connection c, List<String> tags, String author, UUID owner)
            throws SQLException {
        TreeMap<String, String[]> terms = new TreeMap<>();
        for (String tag : tags) {
            String slug = TermKind.TAG.slug(tag);
            terms.putIfAbsent(TermKind.TAG.id() + "/" + slug, new String[] {TermKind.TAG.id(), slug, tag});
        }
        if (author != null) {
            String slug = TermKind.AUTHOR.slug(author);
            terms.put(TermKind.AUTHOR.id() + "/" + slug, new String[] {TermKind.AUTHOR.id(), slug, author});
        }
        if (terms.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> slugs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String[] t : terms.values()) {
            TermKind kind = TermKind.TAG.id().equals(t[0]) ? TermKind.TAG : TermKind.AUTHOR;
            ids.add(kind.idFor(t[1]));
            kinds.add(t[0]);
            slugs.add(t[1]);
            names.add(t[2]);
        }
        try (PreparedStatement st = c.prepareStatement(ENSURE)) {
            st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            st.setArray(2, c.createArrayOf("text", kinds.toArray()));
            st.setArray(3, c.createArrayOf("text", slugs.toArray()));
            st.setArray(4, c.createArrayOf("text", names.toArray()));
            st.setObject(5, owner);
            List<TermChangedEvent> created = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    created.add(new TermChangedEvent(rs.getString(2), rs.getObject(1, UUID.class), rs.getString(3),
                            rs.getString(4), null, null, null, null, null, null, null, null, null, null,
                            rs.getObject(5, UUID.class), rs.getLong(6), rs.getObject(7, OffsetDateTime.class), false, null));
                }
            }
            return created;
        }
    }

    /** The outbox row of a term's change: published to {@link TermChangedEvent#TOPIC} by the relay. */
    public static void writeEvent(Connection c, TermChangedEvent event, String type, String payload) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(OUTBOX)) {
            st.setObject(1, UUID.randomUUID());
            st.setString(2, event.kind());
            st.setString(3, event.id().toString());
            st.setString(4, "cms." + event.kind() + "." + type);
            st.setObject(5, event.updatedAt());
            st.setString(6, payload);
            st.executeUpdate();
        }
    }
}
