package io.cms.post.webhooks;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Makes one signed HTTP attempt, asynchronously: a receiver that hangs holds no thread, only its
 * place in the in-flight limit, until the timeout. The connection goes to the address that
 * {@link TargetGuard#vet} approved (the URL's host is only the {@code Host} header and the TLS name),
 * so the name is resolved once per attempt. Redirects are not followed (a redirect could point
 * inside the network) and count as failures.
 */
public final class Sender {

    /** What an attempt produced; {@code statusCode} is null when no answer came. */
    public record Result(DeliveryStore.Attempt attempt, Optional<Duration> retryAfter) {
    }

    static final int KEPT_BODY_BYTES = 1024;
    private static final String USER_AGENT = "cms-webhooks/1.0";

    private final Vertx vertx;
    private final HttpClient client;
    private final TargetGuard guard;
    private final Duration timeout;

    public Sender(TargetGuard guard, Duration timeout, Vertx vertx) {
        this.guard = guard;
        this.timeout = timeout;
        this.vertx = vertx;
        // Certificates are checked against the URL's host name, whatever address the connection went to.
        this.client = vertx.createHttpClient(new HttpClientOptions().setVerifyHost(true).setMaxPoolSize(16)
                .setConnectTimeout((int) timeout.toMillis()).setKeepAliveTimeout(30));
    }

    /** Sends on {@code executor} (the address check resolves the host, which may block). */
    public CompletableFuture<Result> send(DeliveryStore.Claimed d, List<String> secrets, Executor executor) {
        return CompletableFuture.supplyAsync(() -> guard.vet(d.url()), executor).thenCompose(target -> {
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
            if (target.refusal() != null) {
                return CompletableFuture.completedFuture(
                        new Result(new DeliveryStore.Attempt(at, null, "Not sent: " + target.refusal(), 0, null), Optional.empty()));
            }
            long timestamp = at.toEpochSecond();
            String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/" : target.uri().getRawPath();
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                    .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(target.address(), target.port())))
                    .setHost(target.host()).setPort(target.port())
                    .setSsl(target.uri().getScheme().equalsIgnoreCase("https"))
                    .setURI(target.uri().getRawQuery() == null ? path : path + "?" + target.uri().getRawQuery())
                    .setFollowRedirects(false).setIdleTimeout(timeout.toMillis())
                    .putHeader("content-type", "application/json")
                    .putHeader("user-agent", USER_AGENT)
                    .putHeader("webhook-id", d.webhookId())
                    .putHeader("webhook-timestamp", Long.toString(timestamp))
                    .putHeader("webhook-signature", Signatures.header(d.webhookId(), timestamp, d.payload(), secrets));
            long start = System.nanoTime();
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
            // On a Vert.x context: callbacks registered from another thread race with the event loop
            // (an answer's end could pass before its handler is set, and the attempt hang to its time-out).
            vertx.getOrCreateContext().runOnContext(v -> exchange(request, body, answer));
            // The idle timeout covers a receiver that stops; a body that trickles on for ever is cut here.
            return answer.orTimeout(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)
                    .handle((response, failure) -> result(at, start, response, failure));
        });
    }

    /** One request and its answer, on the event loop; the response callbacks are set before the request goes out. */
    private void exchange(RequestOptions options, byte[] body, CompletableFuture<Answer> answer) {
        client.request(options).onFailure(answer::completeExceptionally).onSuccess(request -> {
            request.response().onFailure(answer::completeExceptionally).onSuccess(response -> {
                Prefix prefix = new Prefix();
                response.handler(prefix::add);
                response.end().onFailure(answer::completeExceptionally).onSuccess(done -> answer.complete(
                        new Answer(response.statusCode(), response.getHeader("retry-after"), prefix.text())));
            });
            request.end(Buffer.buffer(body)).onFailure(answer::completeExceptionally);
            // Cut at the overall time-out: the connection is closed rather than left to a slow receiver.
            answer.whenComplete((a, failure) -> {
                if (failure instanceof TimeoutException) {
                    request.reset();
                }
            });
        });
    }

    /** The status, headers and first KB of an answer. */
    private record Answer(int status, String retryAfter, String body) {
    }

    private static Result result(OffsetDateTime at, long start, Answer response, Throwable failure) {
        int latency = (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            String error = isTimeout(cause)
                    ? "Timed out" : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            return new Result(new DeliveryStore.Attempt(at, null, error, latency, null), Optional.empty());
        }
        int status = response.status();
        String note = status >= 300 && status < 400 ? "Redirects are not followed" : null;
        Optional<Duration> retryAfter = status == 429 || status >= 500
                ? RetryPolicy.parseRetryAfter(response.retryAfter(), ZonedDateTime.now(ZoneOffset.UTC))
                : Optional.empty();
        return new Result(new DeliveryStore.Attempt(at, status, note, latency, response.body()), retryAfter);
    }

    private static boolean isTimeout(Throwable cause) {
        return cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException
                || cause instanceof io.netty.channel.ConnectTimeoutException
                || cause.getClass().getSimpleName().contains("Timeout");
    }

    /** Keeps the first KB of a response body for the log; the rest is read and dropped. */
    private static final class Prefix {
        private final ByteBuffer kept = ByteBuffer.allocate(KEPT_BODY_BYTES);

        void add(Buffer chunk) {
            int n = Math.min(kept.remaining(), chunk.length());
            if (n > 0) {
                kept.put(chunk.getBytes(0, n));
            }
        }

        String text() {
            ByteBuffer copy = kept.duplicate().flip();
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(copy).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                return "";
            }
        }
    }
}
