package io.cms.post.webhooks;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What an attempt's outcome means and when to try again. Every answer other than 2xx is a failure
 * worth retrying (a receiver that is misconfigured today is usually fixed tomorrow), except 410 Gone,
 * which ends the subscription.
 */
public final class RetryPolicy {

    public enum Verdict { DELIVERED, GONE, RETRY }

    /** Longest wait a receiver's {@code Retry-After} can ask for. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private final List<Duration> schedule;

    public RetryPolicy(List<Duration> schedule) {
        if (schedule.isEmpty()) {
            throw new IllegalArgumentException("cms.webhooks.retry-schedule needs at least one entry");
        }
        this.schedule = List.copyOf(schedule);
    }

    /** Attempts a delivery gets: one per schedule entry. */
    public int maxAttempts() {
        return schedule.size();
    }

    public static Verdict verdict(Integer statusCode) {
        if (statusCode != null && statusCode >= 200 && statusCode < 300) {
            return Verdict.DELIVERED;
        }
        return statusCode != null && statusCode == 410 ? Verdict.GONE : Verdict.RETRY;
    }

    /**
     * The wait before the next attempt after {@code attemptsMade} attempts: the schedule's entry with
     * up to 20 % jitter either way (so receivers recovering from an outage are not hit all at once),
     * but never shorter than what the receiver asked for with {@code Retry-After}.
     */
    public Duration delayAfter(int attemptsMade, Optional<Duration> retryAfter) {
        if (attemptsMade >= schedule.size()) {
            return Duration.ZERO;
        }
        long base = schedule.get(attemptsMade).toMillis();
        long jittered = Math.round(base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        Duration delay = Duration.ofMillis(jittered);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
        }
        return delay;
    }

    /** A {@code Retry-After} value: delay in seconds, or an HTTP date. */
    public static Optional<Duration> parseRetryAfter(String value, ZonedDateTime now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Optional.of(Duration.ZERO) : Optional.of(d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
