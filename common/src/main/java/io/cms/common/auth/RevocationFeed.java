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
 * For services that do not own the sessions (render-service, search-service): reads the list of
 * ended sessions from post-service ({@code cms.sessions.revocations-url}, with the admin token)
 * every second into {@link RevokedSessions}. One small request a second per replica, instead of a
 * question to post-service for every request a signed-in user makes. Off when no address is set.
 */
@ApplicationScoped
public class RevocationFeed {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final Optional<String> url;
    private final String token;
    private final RevokedSessions revoked;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ScheduledExecutorService timer;
    private volatile boolean failing;

    RevocationFeed(@ConfigProperty(name = "cms.sessions.revocations-url") Optional<String> url,
            @ConfigProperty(name = "cms.admin-token") String token, RevokedSessions revoked, ObjectMapper json) {
        this.url = url.filter(u -> !u.isBlank());
        this.token = token;
        this.revoked = revoked;
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
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(url.get()))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("post-service answered " + answer.statusCode());
            }
            Map<String, Instant> current = new HashMap<>();
            for (JsonNode s : json.readTree(answer.body()).path("sessions")) {
                current.put(s.path("id").asText(), Instant.parse(s.path("expiresAt").asText()));
            }
            revoked.replace(current);
            if (failing) {
                failing = false;
                LOG.info("Reading ended sessions from post-service again: session tokens are accepted");
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!failing) {
                failing = true;
                LOG.warnf("Cannot read ended sessions from %s (%s): session tokens are refused here from 5 s on,"
                        + " until it answers (logged once)", url.get(), e.toString());
            }
        }
    }
}
