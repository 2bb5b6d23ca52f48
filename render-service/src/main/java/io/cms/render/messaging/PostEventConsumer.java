package io.cms.render.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.render.RenderedPost;
import io.cms.render.service.RenderService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies {@code cms.posts} events one at a time per partition (so a post's events keep their order).
 * An event that cannot be applied throws, and the channel's dead-letter strategy moves it to
 * {@link Channels#POSTS_DLQ_TOPIC} with the reason; the stream goes on.
 */
@ApplicationScoped
public class PostEventConsumer {

    private static final Logger LOG = Logger.getLogger(PostEventConsumer.class);
    private static final Set<String> TYPES = Set.of("cms.post.created", "cms.post.updated", "cms.post.published",
            "cms.post.unpublished", "cms.post.deleted");

    /** An event this service cannot understand. */
    static final class PoisonEvent extends RuntimeException {
        PoisonEvent(String message) {
            super(message);
        }
    }

    private final RenderService renders;
    private final RenderedPublisher rendered;
    private final ObjectMapper json;

    PostEventConsumer(RenderService renders, RenderedPublisher rendered, ObjectMapper json) {
        this.renders = renders;
        this.rendered = rendered;
        this.json = json;
    }

    @Incoming(Channels.POSTS)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        PostEvent event = parse(record);
        RenderedPost announced = renders.apply(event, false);
        if (announced != null) {
            rendered.published(announced);
        }
    }

    PostEvent parse(ConsumerRecord<String, byte[]> record) {
        String type = header(record, "ce_type");
        if (type == null || !TYPES.contains(type)) {
            throw new PoisonEvent("unknown event type: " + type);
        }
        if (record.value() == null) {
            throw new PoisonEvent("event without a value");
        }
        PostEvent event;
        try {
            event = json.readValue(record.value(), PostEvent.class);
        } catch (IOException e) {
            throw new PoisonEvent("unreadable event value: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (event.id() == null || event.version() < 1) {
            throw new PoisonEvent("event without id or version");
        }
        if (!event.id().toString().equals(record.key())) {
            LOG.warnf("Event key %s differs from its post id %s", record.key(), event.id());
        }
        return event;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
