package io.cms.post.service;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.media.FeatureImage;
import io.cms.common.messaging.EventLimits;
import io.cms.common.messaging.PostChangedEvent;
import io.cms.common.messaging.TermChangedEvent;
import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.post.Post;
import io.cms.post.messaging.PostEventType;
import io.cms.post.taxonomy.TermRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * Writes what a change leaves behind, in the transaction of the change: the revision (so the
 * version can be looked at later) and the outbox row (so the event reaches Kafka after commit).
 */
@ApplicationScoped
public class ChangeLog {

    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<PostCommitted> committed;

    ChangeLog(ObjectMapper json, TransactionSynchronizationRegistry transactions, Event<PostCommitted> committed) {
        this.json = json;
        this.transactions = transactions;
        this.committed = committed;
    }

    /** The event payload for the post's current state. */
    public static PostChangedEvent snapshot(Post p, List<String> changedFields) {
        return new PostChangedEvent(p.id, p.slug, p.title, p.markdown, p.excerpt, p.author,
                List.copyOf(p.tags), List.copyOf(p.categories), p.lang, p.layout, p.status.wireName(),
                p.publishedAt, p.createdAt, p.updatedAt, p.version, p.frontMatter, false, changedFields, p.ownerId,
                FeatureImage.of(p.frontMatter));
    }

    /** Field names whose values differ between two snapshots, in payload order. */
    public static List<String> changedFields(PostChangedEvent before, PostChangedEvent after) {
        Map<String, Object[]> pairs = new LinkedHashMap<>();
        pairs.put("slug", new Object[] {before.slug(), after.slug()});
        pairs.put("title", new Object[] {before.title(), after.title()});
        pairs.put("markdown", new Object[] {before.markdown(), after.markdown()});
        pairs.put("excerpt", new Object[] {before.excerpt(), after.excerpt()});
        pairs.put("author", new Object[] {before.author(), after.author()});
        pairs.put("tags", new Object[] {before.tags(), after.tags()});
        pairs.put("categories", new Object[] {before.categories(), after.categories()});
        pairs.put("lang", new Object[] {before.lang(), after.lang()});
        pairs.put("layout", new Object[] {before.layout(), after.layout()});
        pairs.put("status", new Object[] {before.status(), after.status()});
        pairs.put("publishedAt", new Object[] {instant(before.publishedAt()), instant(after.publishedAt())});
        pairs.put("frontMatter", new Object[] {before.frontMatter(), after.frontMatter()});
        List<String> changed = new ArrayList<>();
        pairs.forEach((name, pair) -> {
            if (!Objects.equals(pair[0], pair[1])) {
                changed.add(name);
            }
        });
        return changed;
    }

    private static Object instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Records a change of a post that still exists (its version already incremented). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Post post, PostEventType type, List<String> changedFields, String actor) {
        write(snapshot(post, changedFields), type, actor, post.updatedAt);
    }

    /** Records the deletion of a post, as version {@code lastVersion + 1}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDeletion(Post post, String actor, OffsetDateTime at) {
        PostChangedEvent tombstone = new PostChangedEvent(post.id, post.slug, post.title, null, null, null,
                List.of(), List.of(), null, null, null, null, post.createdAt, at, post.version + 1, Map.of(), true,
                List.of(), null, null);
        write(tombstone, PostEventType.DELETED, actor, at);
    }

    // The revision and the outbox row in one statement: one round trip to PostgreSQL where the two
    // entity inserts took two (and the outbox's identity key made one of them immediate). The trigger
    // on outbox wakes the relay at commit.
    private static final String WRITE = """
            WITH revision AS (
                INSERT INTO post_revision (post_id, version, change_type, changed_fields, changed_by, changed_at, snapshot)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb))
            INSERT INTO outbox (event_id, aggregate_type, aggregate_id, type, occurred_at, payload)
            VALUES (?, 'post', ?, ?, ?, ?)""";

    private void write(PostChangedEvent event, PostEventType type, String actor, OffsetDateTime at) {
        String payload = toJson(event);
        requireFits(event, payload);
        // Served views of this post are dropped once the change is visible to other transactions.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    committed.fire(new PostCommitted(event.id(), event.slug()));
                }
            }
        });
        Post.getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement st = c.prepareStatement(WRITE)) {
                int i = 0;
                st.setObject(++i, event.id());
                st.setLong(++i, event.version());
                st.setString(++i, type.wireName());
                st.setArray(++i, c.createArrayOf("varchar", event.changedFields().toArray()));
                st.setString(++i, actor);
                st.setObject(++i, at);
                st.setString(++i, payload);
                st.setObject(++i, UUID.randomUUID());
                st.setString(++i, event.id().toString());
                st.setString(++i, type.ceType());
                st.setObject(++i, at);
                st.setString(++i, payload);
                st.executeUpdate();
            }
            if (namesTerms(event)) {
                for (TermChangedEvent created : TermRows.ensure(c, event.tags(), event.author(), event.ownerId())) {
                    TermRows.writeEvent(c, created, "created", toJson(created));
                }
            }
        });
    }

    /** Whether the change may name a tag or author that is not an entity yet. */
    private static boolean namesTerms(PostChangedEvent event) {
        return !event.deleted() && (event.changedFields().isEmpty() || event.changedFields().contains("tags")
                || event.changedFields().contains("author") || event.changedFields().contains("ownerId"));
    }

    /**
     * Refuses a change whose event Kafka would not take ({@link EventLimits#MAX_EVENT_BYTES}): found
     * here, in the request, it is a clear 413 and nothing is stored; found by the broker, it would
     * be an event that never arrives.
     */
    private void requireFits(PostChangedEvent event, String payload) {
        // A char is at most 3 bytes of UTF-8 (a surrogate pair is 4 for two): most payloads need no count.
        if (payload.length() * 3L <= EventLimits.MAX_EVENT_BYTES) {
            return;
        }
        long bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= EventLimits.MAX_EVENT_BYTES) {
            return;
        }
        long frontMatter = event.frontMatter() == null ? 0 : toJson(event.frontMatter()).length();
        String field = frontMatter > (event.markdown() == null ? 0 : event.markdown().length()) ? "frontMatter" : "markdown";
        String message = "makes the post's change event " + bytes + " bytes of JSON; the limit is "
                + EventLimits.MAX_EVENT_BYTES;
        throw new ProblemException(ProblemException.Kind.PAYLOAD_TOO_LARGE, field + ": " + message,
                List.of(new Problem.FieldError(field, message, (long) EventLimits.MAX_EVENT_BYTES, bytes)));
    }

    private String toJson(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A post snapshot could not be written as JSON", e);
        }
    }
}
