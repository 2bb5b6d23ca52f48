package io.cms.common.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One service's line to another inside the cluster: its internal address (which may be unset), the
 * admin token on every call, and a 2 s limit, so a slow peer cannot hold a request thread long.
 */
public final class InternalService {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final String name;
    private final String setting;
    private final Optional<String> url;
    private final String token;
    private final ObjectMapper json;

    /**
     * @param name the peer, for messages ("post-service")
     * @param setting the configuration key of its address, for messages when it is unset
     */
    public InternalService(String name, String setting, Optional<String> url, String token, ObjectMapper json) {
        this.name = name;
        this.setting = setting;
        this.url = url.filter(u -> !u.isBlank()).map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        this.token = token;
        this.json = json;
    }

    public Optional<String> url() {
        return url;
    }

    /** A GET that must answer 200. */
    public JsonNode get(String path) throws Exception {
        HttpResponse<byte[]> answer = send(request(path).GET());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + answer.statusCode() + " to " + path);
        }
        return json.readTree(answer.body());
    }

    /** A peer's answer: its status and its JSON (a missing node when the body is not JSON). */
    public record Answer(int status, JsonNode body) {
    }

    /** The peer could not be reached, or did not answer in time. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@link #postJson}, read as JSON; {@link Unreachable} when the peer does not answer. */
    public Answer postForAnswer(String path, Object body) {
        return answer(() -> postJson(path, body));
    }

    /** {@link #getAs}, read as JSON; {@link Unreachable} when the peer does not answer. */
    public Answer getForAnswerAs(String path, String authorization) {
        return answer(() -> getAs(path, authorization));
    }

    private interface Call {
        HttpResponse<byte[]> send() throws Exception;
    }

    private Answer answer(Call call) {
        HttpResponse<byte[]> r;
        try {
            r = call.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(name + " did not answer: interrupted", e);
        } catch (Exception e) {
            throw new Unreachable(name + " did not answer: " + e, e);
        }
        JsonNode body;
        try {
            body = json.readTree(r.body());
        } catch (java.io.IOException notJson) {
            body = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return new Answer(r.statusCode(), body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : body);
    }

    /**
     * A GET on behalf of a caller: their own {@code Authorization} instead of the admin token, so the
     * peer applies that caller's rights. The answer as it came.
     */
    public HttpResponse<byte[]> getAs(String path, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url.orElseThrow(() -> new IllegalStateException(setting + " is not set"))
                + path)).timeout(TIMEOUT).GET();
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return send(r);
    }

    /** A POST of a JSON body: the answer as it came (status and bytes). */
    public HttpResponse<byte[]> postJson(String path, Object body) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    }

    /** A POST of a JSON body: the answer's JSON, or empty when the peer answers 404. */
    public Optional<JsonNode> post(String path, Object body) throws Exception {
        HttpResponse<byte[]> answer = postJson(path, body);
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + answer.statusCode() + " to " + path);
        }
        return Optional.of(json.readTree(answer.body()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url.orElseThrow(() -> new IllegalStateException(setting + " is not set")) + path))
                .header("Authorization", "Bearer " + token).timeout(TIMEOUT);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
