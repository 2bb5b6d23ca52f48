package io.cms.post.accounts;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.common.auth.Caller;
import io.cms.common.auth.RevokedSessions;
import io.cms.common.auth.SessionTokens;
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
 * Signing in and out, and the sessions that end early. Every replica reads the revoked, unexpired
 * sessions from the database each second into {@link RevokedSessions}, so a sign-out or a deleted
 * user reaches every replica within about a second, without a query per request.
 */
@ApplicationScoped
public class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final SessionTokens tokens;
    private final RevokedSessions revoked;
    private final SignInThrottle throttle;
    private final AuditLog audit;

    Sessions(EntityManager em, SessionTokens tokens, RevokedSessions revoked, SignInThrottle throttle, AuditLog audit) {
        this.em = em;
        this.audit = audit;
        this.tokens = tokens;
        this.revoked = revoked;
        this.throttle = throttle;
    }

    public record SignedIn(String token, String sessionId, Instant expiresAt, User user) {
    }

    /** @throws ProblemException 401 that does not say whether the address or the password was wrong; 429 when throttled */
    public SignedIn signIn(String email, String password, String client) {
        throttle.check(email, client);
        User user = email == null ? null : User.find("lower(email) = lower(?1)", email.strip()).firstResult();
        if (!Passwords.verify(password, user == null ? null : user.passwordHash)) {
            throttle.failed(email, client);
            // The record says which part was wrong; the answer does not. Never the password.
            audit.record("anonymous", "sign-in.failed", email == null ? null : truncate(email.strip(), 254),
                    Map.of("reason", user == null ? "unknown address" : "wrong password"));
            throw new ProblemException(Kind.UNAUTHORIZED, "The email address or the password is not right");
        }
        return open(user);
    }

    /** Opens a session for a user whose password was checked. */
    @Transactional
    public SignedIn open(User user) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Instant now = Instant.now();
        SessionTokens.Issued issued = tokens.issue(user.id.toString(), user.role(), sessionId, now);
        em.createNativeQuery("INSERT INTO user_session (id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, sessionId).setParameter(2, user.id)
                .setParameter(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter(4, OffsetDateTime.ofInstant(issued.expiresAt(), ZoneOffset.UTC)).executeUpdate();
        audit.record("user:" + user.id, "sign-in", "user:" + user.id, Map.of("role", user.roleId));
        return new SignedIn(issued.token(), sessionId, issued.expiresAt(), user);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** Ends the caller's session. */
    @Transactional
    public void signOut(Caller caller) {
        if (caller.kind() != Caller.Kind.USER) {
            throw new ProblemException(Kind.VALIDATION, caller.anonymous() ? "No session to end: send the session token"
                    : "The admin token is not a session; nothing to sign out of");
        }
        List<?> ended = em.createNativeQuery("UPDATE user_session SET revoked_at = now() WHERE id = ?1 AND revoked_at IS NULL"
                + " RETURNING expires_at").setParameter(1, caller.sessionId()).getResultList();
        ended.forEach(expires -> revoked.add(caller.sessionId(), SqlTimes.utc(expires).toInstant()));
        audit.record(caller.actor(), "sign-out", caller.actor(), Map.of());
    }

    /** Ends every session of a user (deleted, or given another role); the caller's transaction commits it. */
    void endAll(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> ended = em.createNativeQuery("UPDATE user_session SET revoked_at = now()"
                + " WHERE user_id = ?1 AND revoked_at IS NULL AND expires_at > now() RETURNING id, expires_at")
                .setParameter(1, userId).getResultList();
        ended.forEach(row -> revoked.add((String) row[0], SqlTimes.utc(row[1]).toInstant()));
    }

    void onStart(@Observes StartupEvent ignored) {
        refresh();
    }

    /** The revoked, unexpired sessions, as every replica must know them. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void refresh() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, expires_at FROM user_session"
                + " WHERE revoked_at IS NOT NULL AND expires_at > now()").getResultList();
        Map<String, Instant> current = new HashMap<>();
        rows.forEach(row -> current.put((String) row[0], SqlTimes.utc(row[1]).toInstant()));
        revoked.replace(current);
    }

    /** Sessions a day past their expiry are of no use to anyone. */
    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void forgetExpired() {
        em.createNativeQuery("DELETE FROM user_session WHERE expires_at < now() - interval '1 day'").executeUpdate();
    }
}
