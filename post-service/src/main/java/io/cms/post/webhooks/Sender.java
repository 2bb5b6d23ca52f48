package io.cms.post.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes one signed HTTP attempt, asynchronously: a receiver that hangs holds no thread, only its
 * place in the in-flight limit, until the timeout. Redirects are not followed (a redirect could
 * point inside the network) and count as failures.
 */
public final class Sender {

    /** What an attempt produced; {@code statusCode} is null when no answer came. */
    public record Result(DeliveryStore.Attempt attempt, Optional<Duration> retryAfter) {
    }

    static final int KEPT_BODY_BYTES = 1024;
    private static final String USER_AGENT = "cms-webhooks/1.0";

    private final HttpClient client;
    private final TargetGuard guard;
    private final Duration timeout;

    /**
     * The client keeps its own executor: the caller's pool also runs blocking work (address checks,
     * recording attempts in the database), and the client's I/O must progress even when all of
     * that pool's threads wait.
     */
    public Sender(TargetGuard guard, Duration timeout) {
        this.guard = guard;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build();
    }

    /** Sends on {@code executor} (the address check resolves the host, which may block). */
    public CompletableFuture<Result> send(DeliveryStore.Claimed d, List<String> secrets, Executor executor) {
        return CompletableFuture.supplyAsync(() -> guard.checkTarget(d.url()), executor).thenCompose(refusal -> {
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(
                        new Result(new DeliveryStore.Attempt(at, null, "Not sent: " + refusal.get(), 0, null), Optional.empty()));
            }
            long timestamp = at.toEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url())).timeout(timeout)
                    .header("content-type", "application/json")
                    .header("user-agent", USER_AGENT)
                    .header("webhook-id", d.webhookId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", Signatures.header(d.webhookId(), timestamp, d.payload(), secrets))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8)).build();
            long start = System.nanoTime();
            return client.sendAsync(request, r -> HttpResponse.BodySubscribers.fromSubscriber(new Prefix(), Prefix::text))
                    // The request timeout covers the headers; a body that never ends is cut here.
                    .orTimeout(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)
                    .handle((response, failure) -> result(at, start, response, failure));
        });
    }

    private static Result result(OffsetDateTime at, long start, HttpResponse<String> response, Throwable failure) {
        int latency = (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            String error = cause instanceof HttpTimeoutException || cause instanceof TimeoutException
                    ? "Timed out" : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            return new Result(new DeliveryStore.Attempt(at, null, error, latency, null), Optional.empty());
        }
        int status = response.statusCode();
        String note = status >= 300 && status < 400 ? "Redirects are not followed" : null;
        Optional<Duration> retryAfter = status == 429 || status >= 500
                ? RetryPolicy.parseRetryAfter(response.headers().firstValue("retry-after").orElse(null),
                        ZonedDateTime.now(ZoneOffset.UTC))
                : Optional.empty();
        return new Result(new DeliveryStore.Attempt(at, status, note, latency, response.body()), retryAfter);
    }

    /** Keeps the first KB of a response body for the log and drains the rest. */
    private static final class Prefix implements Flow.Subscriber<List<ByteBuffer>> {
        private final ByteBuffer kept = ByteBuffer.allocate(KEPT_BODY_BYTES);

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                while (kept.hasRemaining() && b.hasRemaining()) {
                    kept.put(b.get());
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
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
