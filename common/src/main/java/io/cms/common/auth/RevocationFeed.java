package io.cms.common.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * For services that do not own sessions and keys (render-service, search-service): reads the ended
 * sessions and the active keys from post-service ({@link PostServiceClient}) every second into
 * {@link RevokedSessions} and {@link ActiveKeys}. Two small requests a second per replica, instead
 * of a question to post-service for every request with credentials.
 * It also hands on, every {@code cms.keys.last-used-every}, when keys were last used here.
 * Off when no address is set.
 */
@ApplicationScoped
public class RevocationFeed {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final PostServiceClient postService;
    private final RevokedSessions revoked;
    private final ActiveKeys keys;
    private final KeyUse keyUse;
    private final Duration reportEvery;
    private ScheduledExecutorService timer;
    private volatile boolean failing;

    RevocationFeed(PostServiceClient postService, RevokedSessions revoked, ActiveKeys keys, KeyUse keyUse,
            @ConfigProperty(name = "cms.keys.last-used-every", defaultValue = "30s") Duration reportEvery) {
        this.postService = postService;
        this.revoked = revoked;
        this.keys = keys;
        this.keyUse = keyUse;
        this.reportEvery = reportEvery;
    }

    void onStart(@Observes StartupEvent ignored) {
        if (postService.url().isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-revocations");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::reportKeyUse, reportEvery.toMillis(), reportEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Hands the keys' last uses here to post-service, which shows them in GET /api/keys. */
    void reportKeyUse() {
        Map<String, Long> uses = keyUse.drain();
        if (uses.isEmpty()) {
            return;
        }
        try {
            postService.post("/api/keys/used", Map.of("uses", uses));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            keyUse.restore(uses); // tried again next time; "last used" is a hint, late is fine
        }
    }

    void poll() {
        try {
            Map<String, Instant> ended = new HashMap<>();
            for (JsonNode s : postService.get("/api/session/revoked").path("sessions")) {
                ended.put(s.path("id").asText(), Instant.parse(s.path("expiresAt").asText()));
            }
            Map<String, ActiveKeys.Key> active = new HashMap<>();
            for (JsonNode k : postService.get("/api/keys/active").path("keys")) {
                active.put(k.path("hash").asText(), new ActiveKeys.Key(k.path("id").asText(), "admin".equals(k.path("kind").asText())));
            }
            revoked.replace(ended);
            keys.replace(active);
            if (failing) {
                failing = false;
                LOG.info("Reading ended sessions and active keys from post-service again: session tokens and keys are accepted");
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!failing) {
                failing = true;
                LOG.warnf("Cannot read ended sessions and active keys from %s (%s): session tokens and keys are refused"
                        + " here from 5 s on, until it answers (logged once)", postService.url().get(), e.toString());
            }
        }
    }
}
