package io.cms.common.auth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sessions that ended before their tokens expire (sign-out, a deleted user, a changed role),
 * held in memory so that checking a caller costs no query. Whoever feeds it (post-service from its
 * database, every second) marks it live; until then no session token is accepted, since one that
 * was revoked could not be told apart.
 */
@ApplicationScoped
public class RevokedSessions {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private volatile boolean live;

    /** Replaces the whole set with the sessions revoked and not yet expired. */
    public void replace(Map<String, Instant> current) {
        revoked.keySet().retainAll(current.keySet());
        revoked.putAll(current);
        live = true;
    }

    /** One session ended here; the next {@link #replace} brings the others' too. */
    public void add(String sessionId, Instant expiresAt) {
        revoked.put(sessionId, expiresAt);
    }

    public boolean live() {
        return live;
    }

    public boolean revoked(String sessionId) {
        return revoked.containsKey(sessionId);
    }
}
