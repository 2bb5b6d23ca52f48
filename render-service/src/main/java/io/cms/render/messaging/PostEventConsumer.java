package io.cms.render.messaging;

import io.cms.common.messaging.EventLag;
import io.cms.common.messaging.PostChangedEvent;
import io.cms.common.messaging.PostEventReader;
import io.cms.common.messaging.TransientRetry;
import io.cms.render.RenderedPost;
import io.cms.render.service.RenderService;
import io.cms.render.service.Renderer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies one {@code cms.posts} event ({@link PostFeed} calls it in order per partition). An event
 * that cannot be applied goes to {@link Channels#POSTS_DLQ_TOPIC} with the reason and the stream
 * goes on; an outage (database away) is waited out instead.
 */
@ApplicationScoped
public class PostEventConsumer {

    private final RenderService renders;
    private final RenderedPublisher publisher;
    private final PostEventReader<PostChangedEvent> reader = new PostEventReader<>(PostChangedEvent.class);

    private final EventLag lag;

    PostEventConsumer(RenderService renders, RenderedPublisher publisher, MeterRegistry registry) {
        this.renders = renders;
        this.publisher = publisher;
        this.lag = new EventLag(registry, "render-service");
    }

    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        lag.received(record);
        RenderedPost announced;
        try {
            PostChangedEvent event = reader.read(record);
            String where = "Rendering " + record.topic() + "-" + record.partition() + "@" + record.offset();
            announced = TransientRetry.run(where, () -> renders.apply(event, false), PostEventConsumer::isPoison);
        } catch (PostEventReader.PoisonEvent | Renderer.RenderFailure e) {
            publisher.deadLetter(record, e.getMessage());
            return;
        }
        lag.served(record);
        if (announced != null) {
            // Only after the render is stored: a retry of the render would find it stored and announce nothing.
            publisher.published(announced);
        }
    }

    /** Failures the event causes (to the dead-letter topic); anything else is an outage to wait out. */
    private static boolean isPoison(Throwable e) {
        return e instanceof PostEventReader.PoisonEvent || e instanceof Renderer.RenderFailure;
    }
}
