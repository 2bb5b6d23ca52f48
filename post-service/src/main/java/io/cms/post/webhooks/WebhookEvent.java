package io.cms.post.webhooks;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A content event ready to be delivered: the body every subscriber receives, and what subscriptions
 * filter on. {@code eventId} is the Kafka event's CloudEvents id.
 *
 * <p>{@code alias} is the same change told as another type, for subscribers who did not ask for this
 * one: a post created already published is {@code post.created}, and also {@code post.published}
 * for a subscription that only wants to know when posts go live.
 */
public record WebhookEvent(String eventId, String type, OffsetDateTime occurredAt, UUID postId, Long postVersion,
        List<String> tags, List<String> categories, String body, WebhookEvent alias) {

    public WebhookEvent(String eventId, String type, OffsetDateTime occurredAt, UUID postId, Long postVersion,
            List<String> tags, List<String> categories, String body) {
        this(eventId, type, occurredAt, postId, postVersion, tags, categories, body, null);
    }

    /** This event as a subscription that wants some of these types sees it; null if it wants none. */
    public WebhookEvent asSeenBy(WebhookSubscription s) {
        if (s.wants(type, tags, categories)) {
            return this;
        }
        return alias != null && s.wants(alias.type, tags, categories) ? alias : null;
    }
}
