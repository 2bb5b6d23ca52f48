package io.cms.render.messaging;

import io.cms.common.messaging.EventLag;
import io.cms.common.messaging.PostEventReader;
import io.cms.render.RenderedPost;
import io.cms.render.service.RenderService;
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
    public void consume(ConsumerRecord<String, byte[]> record) {
        lag.received(record);
        PostEvent event = reader.read(record);
        RenderedPost announced = renders.apply(event, false);
        lag.served(record);
        if (announced != null) {
            rendered.published(announced);
        }
    }
}
