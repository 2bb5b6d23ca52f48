package io.cms.common.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When each API key was last used on this replica, gathered in memory and handed on in batches
 * (post-service writes them to its table; the other services send them to post-service), so that a
 * read with a key costs no write. A use is noted at most every few seconds per key.
 */
@ApplicationScoped
public class KeyUse {

    private static final long COARSE_SECONDS = 5;

    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();

    public void used(String keyId) {
        long now = Instant.now().getEpochSecond();
        Long before = lastUsed.get(keyId);
        if (before == null || now - before >= COARSE_SECONDS) {
            lastUsed.merge(keyId, now, Math::max);
        }
    }

    /** The uses noted since the last drain (key id → epoch second), and forgets them. */
    public Map<String, Long> drain() {
        Map<String, Long> taken = new HashMap<>();
        for (String id : lastUsed.keySet()) {
            Long at = lastUsed.remove(id);
            if (at != null) {
                taken.put(id, at);
            }
        }
        return taken;
    }

    /** Puts back uses that could not be handed on, keeping the later of two. */
    public void restore(Map<String, Long> uses) {
        uses.forEach((id, at) -> lastUsed.merge(id, at, Math::max));
    }
}
