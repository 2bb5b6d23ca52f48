package io.cms.post.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.rest.ClientAddress;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The audit trail: one row per sign-in (failed ones too), sign-out, and change to users, roles and
 * webhooks, with the actor, the time and the client's address. Written in the transaction of the
 * change it records when there is one, so a change and its record commit together; a failed
 * sign-in, which changes nothing, gets a transaction of its own.
 */
@ApplicationScoped
public class AuditLog {

    public static final int MAX_DETAIL_CHARS = 2_000;

    private final EntityManager em;
    private final CurrentVertxRequest current;
    private final ObjectMapper json;
    private final ClientAddress clients = ClientAddress.fromConfig();

    AuditLog(EntityManager em, CurrentVertxRequest current, ObjectMapper json) {
        this.em = em;
        this.current = current;
        this.json = json;
    }

    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, String client,
            Object detail) {
    }

    public record Page(List<Entry> items, long total, int page, int limit) {
    }

    @Transactional
    public void record(String actor, String action, String target, Map<String, ?> detail) {
        String text;
        try {
            text = json.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            text = "{}";
        }
        if (text.length() > MAX_DETAIL_CHARS) {
            text = "{\"truncated\":true}";
        }
        em.createNativeQuery("INSERT INTO audit_event (at, actor, action, target, client, detail)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb))")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC)).setParameter(2, actor).setParameter(3, action)
                .setParameter(4, target).setParameter(5, client()).setParameter(6, text).executeUpdate();
    }

    /** Newest first; {@code action} and {@code actor} filter when not null. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Page page(String action, String actor, int page, int limit) {
        String where = " WHERE (CAST(?1 AS text) IS NULL OR action = ?1) AND (CAST(?2 AS text) IS NULL OR actor = ?2)";
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM audit_event" + where)
                .setParameter(1, action).setParameter(2, actor).getSingleResult()).longValue();
        List<Object[]> rows = em.createNativeQuery("SELECT id, at, actor, action, target, client, CAST(detail AS text)"
                + " FROM audit_event" + where + " ORDER BY at DESC, id DESC LIMIT ?3 OFFSET ?4")
                .setParameter(1, action).setParameter(2, actor).setParameter(3, limit)
                .setParameter(4, (long) (page - 1) * limit).getResultList();
        List<Entry> items = rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), SqlTimes.utc(r[1]), (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], detail((String) r[6]))).toList();
        return new Page(items, total, page, limit);
    }

    private Object detail(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
    private String client() {
        try {
            RoutingContext rc = current.getCurrent();
            return rc == null ? null : clients.of(rc.request());
        } catch (RuntimeException e) {
            return null; // no request here (the scheduler)
        }
    }
}
