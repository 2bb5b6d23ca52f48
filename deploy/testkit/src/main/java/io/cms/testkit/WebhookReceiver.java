package io.cms.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver as an integrator would write one, for tests and benchmarks: a small HTTP server
 * on localhost that checks every request against the Standard Webhooks specification with its own
 * verifier (independent of the CMS's signing code) and records what it got and what it answered.
 */
public final class WebhookReceiver implements AutoCloseable {

    static {
        // The JDK's server writes an answer's headers and body separately; with Nagle's algorithm on,
        // the body waits for the sender's delayed ACK (40 ms on Linux): every delivery took ~48 ms to
        // be answered instead of ~4, which capped one post's deliveries at ~20 a second. The server
        // reads this once, when its configuration is first loaded, so it is set before any is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The specification's suggested tolerance for webhook-timestamp. */
    private static final long TOLERANCE_SECONDS = 5 * 60;

    /** One request as received. */
    public record Hit(String webhookId, long timestamp, String signature, String body, JsonNode json, boolean verified,
            int answered, long receivedAtMillis) {

        public String type() {
            return json.path("type").asText();
        }

        public long version() {
            return json.path("data").path("version").asLong();
        }

        public String postId() {
            return json.path("data").path("id").asText();
        }
    }

    /** How the receiver answers: the status for the n-th request (0-based); delays are per request. */
    public interface Behaviour {
        int status(int n) throws InterruptedException;
    }

    private final HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private volatile List<String> secrets = List.of();
    private volatile Behaviour behaviour = n -> 200;
    private volatile String retryAfter;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL to subscribe with (localhost is the one private host the test configuration allows). */
    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/hooks";
    }

    public WebhookReceiver verifyingWith(String... secrets) {
        this.secrets = List.of(secrets);
        return this;
    }

    public WebhookReceiver answering(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    public WebhookReceiver answering(int status) {
        return answering(n -> status);
    }

    public WebhookReceiver withRetryAfter(String value) {
        this.retryAfter = value;
        return this;
    }

    public List<Hit> hits() {
        return new ArrayList<>(hits);
    }

    /** Requests answered with 2xx: what the receiver accepted. */
    public List<Hit> accepted() {
        return hits.stream().filter(h -> h.answered() >= 200 && h.answered() < 300).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            long timestamp = ts == null ? 0 : Long.parseLong(ts);
            boolean verified = verify(id, timestamp, body, signature);
            int n;
            synchronized (hits) {
                n = hits.size();
            }
            int status;
            try {
                status = verified ? behaviour.status(n) : 401;
            } catch (InterruptedException e) {
                return;
            }
            hits.add(new Hit(id, timestamp, signature, body, JSON.readTree(body), verified, status,
                    System.currentTimeMillis()));
            if (retryAfter != null && status >= 300) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] answer = ("answered " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** The receiver side of the specification: any one v1 signature of any known secret, fresh timestamp. */
    private boolean verify(String id, long timestamp, String body, String header) {
        if (id == null || header == null || Math.abs(System.currentTimeMillis() / 1000 - timestamp) > TOLERANCE_SECONDS) {
            return false;
        }
        for (String secret : secrets) {
            byte[] expected = hmac(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    id + "." + timestamp + "." + body);
            for (String candidate : header.split(" ")) {
                String[] parts = candidate.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
