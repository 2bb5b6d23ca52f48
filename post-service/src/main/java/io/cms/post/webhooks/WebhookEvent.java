package io.cms.post.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A content event ready to be delivered: the body every subscriber receives, and what subscriptions
 * filter on. {@code eventId} is the Kafka event's CloudEvents id.
 */
public record WebhookEvent(String eventId, String type, OffsetDateTime occurredAt, UUID postId, Long postVersion,
        List<String> tags, List<String> categories, String body) {
}
