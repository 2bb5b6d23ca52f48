package io.cms.common.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * For services that do not own sessions and keys (render-service, search-service): reads the ended
 * sessions and the active keys from post-service ({@code cms.access.post-service-url}, with the admin
 * token) every second into {@link RevokedSessions} and {@link ActiveKeys}. Two small requests a
 * second per replica, instead of a question to post-service for every request with credentials.
 * Off when no address is set.
 */
@ApplicationScoped
public class RevocationFeed {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final Optional<String> url;
    private final String token;
    private final RevokedSessions revoked;
    private final ActiveKeys keys;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ScheduledExecutorService timer;
    private volatile boolean failing;

    RevocationFeed(@ConfigProperty(name = "cms.access.post-service-url") Optional<String> url,
            @ConfigProperty(name = "cms.admin-token") String token, RevokedSessions revoked, ActiveKeys keys, ObjectMapper json) {
        this.url = url.filter(u -> !u.isBlank()).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        this.token = token;
        this.revoked = revoked;
        this.keys = keys;
        this.json = json;
    }

    void onStart(@Observes StartupEvent ignored) {
        if (url.isEmpty()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "session-revocations");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent ignored) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void poll() {
        try {
            Map<String, Instant> ended = new HashMap<>();
            for (JsonNode s : get("/api/session/revoked").path("sessions")) {
                ended.put(s.path("id").asText(), Instant.parse(s.path("expiresAt").asText()));
            }
            Map<String, ActiveKeys.Key> active = new HashMap<>();
            for (JsonNode k : get("/api/keys/active").path("keys")) {
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
                        + " here from 5 s on, until it answers (logged once)", url.get(), e.toString());
            }
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url.get() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("post-service answered " + answer.statusCode() + " to " + path);
        }
        return json.readTree(answer.body());
    }
}
