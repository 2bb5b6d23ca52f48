package io.cms.common.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.cms.common.text.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The API keys not revoked, by the SHA-256 of their secret (keys are long random strings: a fast
 * hash is enough, and no secret is ever kept). Post-service fills it from its database every
 * second, the other services from post-service; like {@link RevokedSessions} it is trusted only
 * while fresh, so a revoked key stops working everywhere within 5 s.
 */
@ApplicationScoped
public class ActiveKeys {

    /** A content key: 26 lowercase hexadecimal characters, the shape of Ghost's Content API keys. */
    public static final Pattern CONTENT_KEY = Pattern.compile("[0-9a-f]{26}");
    /** An admin key: 64 lowercase hexadecimal characters. */
    public static final Pattern ADMIN_KEY = Pattern.compile("[0-9a-f]{64}");

    public record Key(String id, boolean admin) {
    }

    private static final long RECENT_NANOS = 3_000_000_000L;

    private volatile Map<String, Key> byHash = Map.of();
    /** Keys added here, by hash, with when. */
    private final Map<String, Long> recent = new java.util.HashMap<>();
    private final Freshness freshness;

    ActiveKeys(@ConfigProperty(name = "cms.sessions.revocations-max-age", defaultValue = "5s") Duration maxAge) {
        this.freshness = new Freshness(maxAge);
    }

    /**
     * The keys a refresh read. A key this replica made in the last few seconds stays even if the
     * refresh does not have it: the refresh may have read the database before the key's commit, and
     * would otherwise lose it until the next one (a fresh key refused for a second).
     */
    public synchronized void replace(Map<String, Key> current) {
        long now = System.nanoTime();
        Map<String, Key> merged = new java.util.HashMap<>(current);
        recent.entrySet().removeIf(e -> now - e.getValue() > RECENT_NANOS);
        recent.keySet().forEach(hash -> {
            Key k = byHash.get(hash);
            if (k != null) {
                merged.putIfAbsent(hash, k);
            }
        });
        byHash = Map.copyOf(merged);
        freshness.mark(now);
    }

    public boolean live() {
        return freshness.fresh();
    }

    public Optional<Key> find(String secret) {
        return Optional.ofNullable(byHash.get(hash(secret)));
    }

    /** Knows a new key at once on the replica that made it (the others within a second). */
    public synchronized void add(String hash, Key key) {
        Map<String, Key> copy = new java.util.HashMap<>(byHash);
        copy.put(hash, key);
        byHash = Map.copyOf(copy);
        recent.put(hash, System.nanoTime());
    }

    /** Forgets one key at once on the replica that revoked it. */
    public synchronized void forget(String hash) {
        recent.remove(hash);
        Map<String, Key> copy = new java.util.HashMap<>(byHash);
        copy.remove(hash);
        byHash = Map.copyOf(copy);
    }

    public Map<String, Key> snapshot() {
        return byHash;
    }

    public static boolean looksLikeKey(String value) {
        return CONTENT_KEY.matcher(value).matches() || ADMIN_KEY.matcher(value).matches();
    }

    public static String hash(String secret) {
        return Digests.sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
    }
}
