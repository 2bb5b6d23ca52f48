package io.cms.render.messaging;

import io.cms.common.messaging.EventLag;
import io.cms.common.messaging.PostEventReader;
import io.cms.common.messaging.TransientRetry;
import io.cms.render.RenderedPost;
import io.cms.render.service.RenderService;
import io.cms.render.service.Renderer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies {@code cms.posts} events one at a time per partition (so a post's events keep their order).
 * An event that cannot be applied throws, and the channel's dead-letter strategy moves it to
 * {@link Channels#POSTS_DLQ_TOPIC} with the reason; the stream goes on.
 */
@ApplicationScoped
public class PostEventConsumer {

    private final RenderService renders;
    private final RenderedPublisher rendered;
    private final PostEventReader<PostEvent> reader = new PostEventReader<>(PostEvent.class);

    private final EventLag lag;

    PostEventConsumer(RenderService renders, RenderedPublisher rendered, MeterRegistry registry) {
        this.renders = renders;
        this.rendered = rendered;
        this.lag = new EventLag(registry, "render-service");
    }

    @Incoming(Channels.POSTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        lag.received(record);
        PostEvent event = reader.read(record);
        String where = "Rendering " + record.topic() + "-" + record.partition() + "@" + record.offset();
        RenderedPost announced = TransientRetry.run(where, () -> renders.apply(event, false), PostEventConsumer::isPoison);
        lag.served(record);
        if (announced != null) {
            // Apart from the render: a retry of the render would find it stored and announce nothing.
            TransientRetry.run("Announcing " + event.id(), () -> {
                rendered.published(announced);
                return null;
            }, e -> false);
        }
    }

    /** Failures the event causes (to the dead-letter topic); anything else is an outage to wait out. */
    private static boolean isPoison(Throwable e) {
        return e instanceof PostEventReader.PoisonEvent || e instanceof Renderer.RenderFailure;
    }
}
