package io.cms.common.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Render- and search-service's line to post-service ({@code cms.access.post-service-url}, the
 * cluster-internal address) for what only post-service knows: ended sessions, active keys, what a
 * preview link opens. Calls carry the admin token and give up after 2 s.
 */
@ApplicationScoped
public class PostServiceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Optional<String> url;
    private final String token;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    PostServiceClient(@ConfigProperty(name = "cms.access.post-service-url") Optional<String> url,
            @ConfigProperty(name = "cms.admin-token") String token, ObjectMapper json) {
        this.url = url.filter(u -> !u.isBlank()).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        this.token = token;
        this.json = json;
    }

    /** Where post-service is, if this service was told. */
    public Optional<String> url() {
        return url;
    }

    /** A GET that must answer 200. */
    public JsonNode get(String path) throws Exception {
        HttpResponse<byte[]> answer = send(request(path).GET());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("post-service answered " + answer.statusCode() + " to " + path);
        }
        return json.readTree(answer.body());
    }

    /** A POST of a JSON body: the answer's JSON, or empty when post-service answers 404. */
    public Optional<JsonNode> post(String path, Object body) throws Exception {
        HttpResponse<byte[]> answer = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("post-service answered " + answer.statusCode() + " to " + path);
        }
        return Optional.of(json.readTree(answer.body()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url.orElseThrow(() -> new IllegalStateException(
                "cms.access.post-service-url is not set")) + path)).header("Authorization", "Bearer " + token).timeout(TIMEOUT);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
