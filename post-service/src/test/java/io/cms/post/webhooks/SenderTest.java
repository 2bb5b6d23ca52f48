package io.cms.post.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The attempt goes to the address the guard vetted, never to a second lookup of the name. */
class SenderTest {

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private HttpServer receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            seen.put("host", exchange.getRequestHeaders().getFirst("Host"));
            seen.put("path", exchange.getRequestURI().toString());
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String path = exchange.getRequestURI().getPath();
            byte[] answer = path.equals("/empty") ? new byte[0] : "ok".getBytes(StandardCharsets.UTF_8);
            // An empty body as the bench's receiver sends it: no Content-Length body to wait for.
            exchange.sendResponseHeaders(path.equals("/moved") ? 302 : path.equals("/empty") ? 204 : 200,
                    answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        vertx.close();
    }

    /** A guard that answers for a name no resolver knows with the receiver's address, as if vetted a moment ago. */
    private TargetGuard pinnedTo(InetAddress address) {
        return new TargetGuard(List.of()) {
            @Override
            public Vetted vet(String url) {
                URI uri = URI.create(url);
                return new Vetted(uri, uri.getHost(), address, null);
            }
        };
    }

    private DeliveryStore.Attempt send(TargetGuard guard, String url) throws Exception {
        Sender sender = new Sender(guard, Duration.ofSeconds(2), vertx);
        DeliveryStore.Claimed d = new DeliveryStore.Claimed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "post.created", "{\"type\":\"post.created\"}", 0, 10, url, "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=", null, null);
        return sender.send(d, List.of(d.secret()), Executors.newSingleThreadExecutor()).get(10, TimeUnit.SECONDS).attempt();
    }

    @Test
    void theConnectionGoesToTheVettedAddressWithTheUrlsHostAsTheHostHeader() throws Exception {
        int port = receiver.getAddress().getPort();
        // "rebinding.invalid" cannot resolve: a sender that looked the name up again would fail here.
        DeliveryStore.Attempt attempt = send(pinnedTo(InetAddress.getLoopbackAddress()),
                "http://rebinding.invalid:" + port + "/hook?x=1");
        assertEquals(200, attempt.statusCode(), attempt.error());
        assertEquals("rebinding.invalid:" + port, seen.get("host"));
        assertEquals("/hook?x=1", seen.get("path"));
        assertEquals("{\"type\":\"post.created\"}", seen.get("body"));
        assertEquals("ok", attempt.responseBody());
    }

    /** Every answer is seen to its end, however fast and small, with many attempts in flight at once. */
    @Test
    void manyQuickEmptyAnswersAtOnceAllComplete() throws Exception {
        Sender sender = new Sender(pinnedTo(InetAddress.getLoopbackAddress()), Duration.ofSeconds(2), vertx);
        var executor = Executors.newFixedThreadPool(8);
        String url = "http://hooks.invalid:" + receiver.getAddress().getPort() + "/empty";
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<Sender.Result>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            DeliveryStore.Claimed d = new DeliveryStore.Claimed(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                    "post.created", "{}", 0, 10, url, "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ=", null, null);
            sent.add(sender.send(d, List.of(d.secret()), executor));
        }
        long answered = 0;
        for (var f : sent) {
            DeliveryStore.Attempt a = f.get(20, TimeUnit.SECONDS).attempt();
            answered += a.statusCode() != null && a.statusCode() == 204 ? 1 : 0;
        }
        assertEquals(400, answered, "every attempt answered, none left to its time-out");
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "400 quick answers took over 10 s");
        executor.shutdown();
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        DeliveryStore.Attempt attempt = send(pinnedTo(InetAddress.getLoopbackAddress()),
                "http://hooks.invalid:" + receiver.getAddress().getPort() + "/moved");
        assertEquals(302, attempt.statusCode());
        assertEquals("Redirects are not followed", attempt.error());
    }

    @Test
    void aRefusedTargetIsNotContacted() throws Exception {
        DeliveryStore.Attempt attempt = send(new TargetGuard(List.of()), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/");
        assertEquals(null, attempt.statusCode());
        assertTrue(attempt.error().startsWith("Not sent: "), attempt.error());
        assertEquals(null, seen.get("host"));
    }
}
