package io.cms.post.messaging;

import io.cms.common.messaging.PostEventReader.PoisonEvent;
import io.cms.common.messaging.TransientRetry;
import io.cms.post.webhooks.DeliveryPlanner;
import io.cms.post.webhooks.DeliveryWorker;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds webhooks from the content events on Kafka, never from the requests that change posts: a
 * slow receiver cannot slow a write, and only committed changes are announced. Events of one post
 * are planned in partition order. A poison event is dead-lettered; a database outage is waited out
 * (the event is retried, not dropped).
 */
@ApplicationScoped
public class WebhookEventConsumer {

    private final DeliveryPlanner planner;
    private final DeliveryWorker worker;

    WebhookEventConsumer(DeliveryPlanner planner, DeliveryWorker worker) {
        this.planner = planner;
        this.worker = worker;
    }

    @Incoming(Topics.WEBHOOK_POSTS_CHANNEL)
    @Blocking
    public void onPostEvent(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        handle(record);
    }

    @Incoming(Topics.WEBHOOK_RENDERED_CHANNEL)
    @Blocking
    public void onRenderedEvent(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        handle(record);
    }

    private void handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        String where = "Planning webhooks for " + record.topic() + "-" + record.partition() + "@" + record.offset();
        if (TransientRetry.run(where, () -> planner.plan(record), e -> e instanceof PoisonEvent) > 0) {
            worker.wake();
        }
    }
}
