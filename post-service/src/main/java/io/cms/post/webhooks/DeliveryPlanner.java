package io.cms.post.webhooks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decides who gets a content event and queues one delivery per interested subscription. */
@ApplicationScoped
public class DeliveryPlanner {

    private final EventReader reader;
    private final DeliveryStore store;
    private final DeliveryWorker worker;

    DeliveryPlanner(EventReader reader, DeliveryStore store, DeliveryWorker worker) {
        this.reader = reader;
        this.store = store;
        this.worker = worker;
    }

    /**
     * Queues a Kafka event for the active subscriptions that existed when it happened and want it
     * (history before a subscription is sent only by a replay). Planning an event twice is harmless.
     *
     * @return deliveries queued
     */
    @Transactional
    public int plan(ConsumerRecord<String, byte[]> record) {
        Optional<OffsetDateTime> occurredAt = reader.occurredAt(record);
        if (occurredAt.isEmpty()) {
            return 0;
        }
        // Cheap check first: a fresh deployment reads the whole topic, mostly older than every subscription.
        List<WebhookSubscription> candidates = WebhookSubscription.list("active = true and createdAt <= ?1",
                occurredAt.get());
        // And before reading the payload (for a render event, also its revision): does anyone take the type?
        List<String> types = reader.deliverableTypes(record);
        if (candidates.stream().noneMatch(s -> types.stream().anyMatch(s::wantsType))) {
            return 0;
        }
        WebhookEvent event = reader.read(record).orElseThrow();
        int queued = 0;
        for (WebhookSubscription s : candidates) {
            WebhookEvent seen = event.asSeenBy(s);
            if (seen != null) {
                queued += store.plan(seen, List.of(s.id), worker.policy().maxAttempts(), false);
            }
        }
        return queued;
    }

    /**
     * Queues events again for one subscription (a replay), whether or not it existed then; an event
     * it already had is sent again under its original webhook-id.
     */
    @Transactional
    public int replan(WebhookSubscription subscription, List<ConsumerRecord<String, byte[]>> records,
            OffsetDateTime since, OffsetDateTime until) {
        int queued = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<WebhookEvent> event;
            try {
                event = reader.read(record);
            } catch (RuntimeException e) {
                continue; // already dead-lettered when it was first consumed
            }
            WebhookEvent seen = event.map(e -> e.asSeenBy(subscription)).orElse(null);
            if (seen != null && !seen.occurredAt().isBefore(since) && !seen.occurredAt().isAfter(until)) {
                queued += store.plan(seen, List.of(subscription.id), worker.policy().maxAttempts(), true);
            }
        }
        return queued;
    }

    /** Queues a {@code webhook.test} message (one attempt, no retries) and returns its delivery id. */
    @Transactional
    public String planTest(WebhookSubscription subscription) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String eventId = "test-" + UUID.randomUUID();
        store.plan(new WebhookEvent(eventId, EventTypes.TEST, now, null, null, List.of(), List.of(),
                reader.testBody(subscription.id, now)), List.of(subscription.id), 1, false);
        return eventId;
    }
}
