package io.cms.common.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sessions that ended before their tokens expire (sign-out, a deleted user, a changed role),
 * held in memory so that checking a caller costs no query. Post-service fills it from its database
 * every second, the other services from post-service ({@link RevocationFeed}). The set is trusted
 * only while it is fresh ({@code cms.sessions.revocations-max-age}, 5 s): an older one could miss a
 * session that ended, so no session token is accepted until it is filled again (the bootstrap token
 * still is). That bounds how long an ended session works anywhere.
 */
@ApplicationScoped
public class RevokedSessions {

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    /** Ended here, by when (nanoTime): kept beside the list until a list read after them surely holds them. */
    private final Map<String, Long> endedHere = new ConcurrentHashMap<>();
    private final Freshness freshness;

    RevokedSessions(@ConfigProperty(name = "cms.sessions.revocations-max-age", defaultValue = "5s") Duration maxAge) {
        this.freshness = new Freshness(maxAge);
    }

    /** Replaces the whole set with the sessions revoked and not yet expired. */
    public void replace(Map<String, Instant> current) {
        long now = System.nanoTime();
        // A list read just before a session ended here does not hold it yet: keep such ones a while.
        endedHere.values().removeIf(at -> now - at > 2 * freshness.maxAgeNanos());
        revoked.keySet().retainAll(current.keySet());
        revoked.putAll(current);
        freshness.mark(now);
    }

    /** One session ended here; the next {@link #replace} brings the others' too. */
    public void add(String sessionId, Instant expiresAt) {
        revoked.put(sessionId, expiresAt);
        endedHere.put(sessionId, System.nanoTime());
    }

    /** Whether the set is recent enough to trust. */
    public boolean live() {
        return freshness.fresh();
    }

    public boolean revoked(String sessionId) {
        return revoked.containsKey(sessionId) || endedHere.containsKey(sessionId);
    }

    /** The set as it is, for the services that read it from post-service. */
    public Map<String, Instant> snapshot() {
        Instant now = Instant.now();
        Map<String, Instant> out = new java.util.HashMap<>();
        revoked.forEach((id, expires) -> {
            if (expires.isAfter(now)) {
                out.put(id, expires);
            }
        });
        return out;
    }
}
