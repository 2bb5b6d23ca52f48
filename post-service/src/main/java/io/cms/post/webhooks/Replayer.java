package io.cms.post.webhooks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.cms.common.messaging.TopicReplay;
import io.cms.post.messaging.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends a subscription the events of a time range again, read back from Kafka. Both topics are
 * compacted, so what is left of a range is the newest event of each post (plus whatever compaction
 * has not reached yet): the current state of every post changed in the range, which is what a
 * receiver that lost its data needs.
 */
@ApplicationScoped
public class Replayer {

    /** Result of a replay: records read from Kafka and deliveries queued from them. */
    public record Result(long scanned, int queued) {
    }

    private static final int BATCH = 500;

    private final DeliveryPlanner planner;
    private final DeliveryWorker worker;
    private final String bootstrapServers;

    Replayer(DeliveryPlanner planner, DeliveryWorker worker,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.planner = planner;
        this.worker = worker;
        this.bootstrapServers = bootstrapServers;
    }

    public Result replay(WebhookSubscription subscription, OffsetDateTime since, OffsetDateTime until) {
        boolean wantsRendered = subscription.events.isEmpty() || subscription.events.contains(EventTypes.RENDERED);
        boolean wantsPostEvents = subscription.events.isEmpty()
                || subscription.events.stream().anyMatch(t -> !t.equals(EventTypes.RENDERED));
        long[] scanned = {0};
        int queued = 0;
        for (String topic : List.of(Topics.POSTS, Topics.RENDERED)) {
            if (topic.equals(Topics.POSTS) ? !wantsPostEvents : !wantsRendered) {
                continue;
            }
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            int[] queuedHere = {0};
            TopicReplay.replay(bootstrapServers, topic, "post-service-webhook-replay", since.toInstant(), record -> {
                scanned[0]++;
                batch.add(record);
                if (batch.size() >= BATCH) {
                    queuedHere[0] += planner.replan(subscription, batch, since, until);
                    batch.clear();
                }
            }, n -> { });
            queuedHere[0] += planner.replan(subscription, batch, since, until);
            queued += queuedHere[0];
        }
        if (queued > 0) {
            worker.wake();
        }
        return new Result(scanned[0], queued);
    }
}
