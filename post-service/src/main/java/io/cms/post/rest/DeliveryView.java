package io.cms.post.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.cms.post.webhooks.DeliveryLog;
import io.cms.post.webhooks.DeliveryStore;

/** A delivery in the log: the message sent (as JSON), its state, and every attempt. */
public record DeliveryView(UUID id, String webhookId, String eventType, UUID postId, Long postVersion, String status,
        int attemptCount, OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, OffsetDateTime updatedAt,
        @JsonRawValue String payload, List<DeliveryStore.Attempt> attempts) {

    static DeliveryView of(DeliveryLog.Entry e) {
        return new DeliveryView(e.id(), e.webhookId(), e.eventType(), e.postId(), e.postVersion(), e.status(),
                e.attempts().size(), e.nextAttemptAt(), e.createdAt(), e.updatedAt(), e.payload(), e.attempts());
    }

    /** One page of the log, newest first. */
    public record Page(List<DeliveryView> items, long total, int page, int limit) {
    }
}
