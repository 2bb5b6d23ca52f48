package io.cms.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.ToIntFunction;

/** HTTP access to a running CMS: each service's port, and the admin token. */
final class Api {

    private final ToIntFunction<String> ports;
    private final String token;
    // Responses are completed on the client's selector thread instead of being handed to a pool: two
    // thread hand-offs fewer per request, which on two cores shared with the whole stack (and the
    // broker, in this JVM) were 2-3 ms of every request the benchmarks time.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Runnable::run).build();

    Api(ToIntFunction<String> ports, String token) {
        this.ports = ports;
        this.token = token;
    }

    String url(String service, String path) {
        return "http://localhost:" + ports.applyAsInt(service) + path;
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return send(request, Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) throws Exception {
        return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String service, String path) {
        return HttpRequest.newBuilder(URI.create(url(service, path)));
    }

    HttpRequest.Builder admin(String service, String path) {
        return request(service, path).header("Authorization", "Bearer " + token);
    }
}
