package io.cms.post.accounts;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cms.common.auth.ActiveKeys;
import io.cms.common.auth.Caller;
import io.cms.common.auth.KeyUse;
import io.cms.common.rest.IdOrSlug;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.audit.AuditLog;
import io.cms.post.audit.SqlTimes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * API keys: made and revoked by owners and admins, shown once, kept only as a hash. Every replica
 * reads the active ones each second into {@link ActiveKeys}; the other services read them from here.
 */
@ApplicationScoped
public class ApiKeys {

    public static final int MAX_NAME = 191;
    public static final int MAX_KEYS = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final ActiveKeys active;
    private final AuditLog audit;
    private final KeyUse keyUse;

    ApiKeys(EntityManager em, ActiveKeys active, AuditLog audit, KeyUse keyUse) {
        this.em = em;
        this.active = active;
        this.audit = audit;
        this.keyUse = keyUse;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String name, String kind, OffsetDateTime createdAt, String createdBy,
            OffsetDateTime lastUsedAt, String key) {
    }

    /** A new key; the only time its secret is seen. */
    @Transactional
    public View create(Caller caller, String name, String kind) {
        requireAdmin(caller);
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "is required (what uses the key: \"Blog frontend\")");
        }
        if (name.strip().codePointCount(0, name.strip().length()) > MAX_NAME) {
            throw ProblemException.invalid("name", "must have at most " + MAX_NAME + " characters");
        }
        if (!"content".equals(kind) && !"admin".equals(kind)) {
            throw ProblemException.invalid("kind", "must be content (reads published content) or admin (acts as an admin)");
        }
        long count = ((Number) em.createNativeQuery("SELECT count(*) FROM api_key WHERE revoked_at IS NULL")
                .getSingleResult()).longValue();
        if (count >= MAX_KEYS) {
            throw new ProblemException(Kind.CONFLICT, "There are " + MAX_KEYS + " active keys; revoke some first");
        }
        byte[] bytes = new byte["content".equals(kind) ? 13 : 32];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("INSERT INTO api_key (id, name, kind, key_hash, created_at, created_by)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, id).setParameter(2, name.strip()).setParameter(3, kind)
                .setParameter(4, ActiveKeys.hash(secret)).setParameter(5, now).setParameter(6, caller.actor()).executeUpdate();
        audit.record(caller.actor(), "key.created", "key:" + id, Map.of("name", name.strip(), "kind", kind));
        active.add(ActiveKeys.hash(secret), new ActiveKeys.Key(id.toString(), "admin".equals(kind)));
        return new View(id.toString(), name.strip(), kind, now, caller.actor(), null, secret);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<View> list(Caller caller) {
        requireAdmin(caller);
        List<Object[]> rows = em.createNativeQuery("SELECT id, name, kind, created_at, created_by, last_used_at FROM api_key"
                + " WHERE revoked_at IS NULL ORDER BY created_at, id").getResultList();
        return rows.stream().map(r -> new View(r[0].toString(), (String) r[1], (String) r[2], SqlTimes.utc(r[3]), (String) r[4],
                SqlTimes.utc(r[5]), null)).toList();
    }

    @Transactional
    public void revoke(Caller caller, String id) {
        requireAdmin(caller);
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Key " + id + " does not exist");
        }
        List<?> revoked = em.createNativeQuery("UPDATE api_key SET revoked_at = now() WHERE id = ?1 AND revoked_at IS NULL"
                + " RETURNING key_hash").setParameter(1, uuid).getResultList();
        if (revoked.isEmpty()) {
            throw ProblemException.notFound("Key " + id + " does not exist or is revoked already");
        }
        active.forget((String) revoked.get(0));
        audit.record(caller.actor(), "key.revoked", "key:" + id, Map.of());
    }

    /**
     * Writes when keys were last used (key id → epoch second): this replica's own uses, and those
     * render- and search-service report. A later use never goes back in time.
     */
    @Transactional
    public void recordUses(Map<String, Long> uses) {
        uses.forEach((id, at) -> {
            UUID uuid = IdOrSlug.id(id);
            if (uuid != null && at != null) {
                em.createNativeQuery("UPDATE api_key SET last_used_at = greatest(last_used_at, ?1) WHERE id = ?2")
                        .setParameter(1, OffsetDateTime.ofInstant(Instant.ofEpochSecond(at), ZoneOffset.UTC))
                        .setParameter(2, uuid).executeUpdate();
            }
        });
    }

    @Scheduled(every = "${cms.keys.last-used-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flushUses() {
        Map<String, Long> uses = keyUse.drain();
        if (!uses.isEmpty()) {
            try {
                recordUses(uses);
            } catch (RuntimeException e) {
                keyUse.restore(uses);
                throw e;
            }
        }
    }

    void onStart(@Observes StartupEvent ignored) {
        refresh();
    }

    /** The active keys, as every replica and service must know them. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    @SuppressWarnings("unchecked")
    void refresh() {
        List<Object[]> rows = em.createNativeQuery("SELECT key_hash, id, kind FROM api_key WHERE revoked_at IS NULL")
                .getResultList();
        Map<String, ActiveKeys.Key> current = new HashMap<>();
        rows.forEach(r -> current.put((String) r[0], new ActiveKeys.Key(r[1].toString(), "admin".equals(r[2]))));
        active.replace(current);
    }

    private static void requireAdmin(Caller caller) {
        if (caller.anonymous()) {
            throw new ProblemException(Kind.UNAUTHORIZED, "Keys are managed with an owner's or admin's session or the admin token");
        }
        if (!caller.admin()) {
            throw new ProblemException(Kind.FORBIDDEN, caller.describe() + " may not manage keys");
        }
    }
}
