package io.cms.post.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import io.cms.post.webhooks.RetryPolicy.Verdict;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30)));

    @Test
    void onlyTwoHundredsDeliverAndOnlyGoneEndsTheSubscription() {
        assertEquals(Verdict.DELIVERED, RetryPolicy.verdict(200));
        assertEquals(Verdict.DELIVERED, RetryPolicy.verdict(204));
        assertEquals(Verdict.GONE, RetryPolicy.verdict(410));
        for (Integer other : new Integer[] {null, 301, 400, 404, 429, 500, 503}) {
            assertEquals(Verdict.RETRY, RetryPolicy.verdict(other), String.valueOf(other));
        }
    }

    @Test
    void followsTheScheduleWithBoundedJitter() {
        assertEquals(4, policy.maxAttempts());
        for (int i = 0; i < 200; i++) {
            long second = policy.delayAfter(1, Optional.empty()).toMillis();
            long third = policy.delayAfter(2, Optional.empty()).toMillis();
            assertTrue(second >= 4_000 && second <= 6_000, "second attempt after " + second);
            assertTrue(third >= 240_000 && third <= 360_000, "third attempt after " + third);
        }
    }

    @Test
    void retryAfterCanOnlyLengthenTheWaitAndIsCapped() {
        assertTrue(policy.delayAfter(1, Optional.of(Duration.ofSeconds(60))).toSeconds() == 60);
        assertTrue(policy.delayAfter(2, Optional.of(Duration.ofSeconds(1))).toSeconds() >= 240);
        assertEquals(RetryPolicy.MAX_RETRY_AFTER, policy.delayAfter(1, Optional.of(Duration.ofDays(30))));
    }

    @Test
    void parsesRetryAfterAsSecondsOrHttpDate() {
        ZonedDateTime now = ZonedDateTime.parse("2026-11-29T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryPolicy.parseRetryAfter("120", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                RetryPolicy.parseRetryAfter("Sun, 29 Nov 2026 10:00:30 GMT", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("-5", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, now));
    }
}
