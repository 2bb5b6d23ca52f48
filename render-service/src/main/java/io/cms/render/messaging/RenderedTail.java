package io.cms.render.messaging;

import io.cms.common.messaging.PostTopicTail;
import io.cms.render.service.RenderChanged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every replica reads {@code cms.rendered} from its end: a render stored, or a post taken away, by
 * any replica drops this replica's view of it (the replica that stored it already has).
 */
@ApplicationScoped
public class RenderedTail {

    private final PostTopicTail tail;

    RenderedTail(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, Event<RenderChanged> changes) {
        this.tail = new PostTopicTail(Channels.RENDERED_TOPIC, bootstrapServers, "render-service-views",
                (id, slug) -> changes.fire(new RenderChanged(id, slug)), () -> changes.fire(RenderChanged.everything()));
    }

    void start(@Observes StartupEvent ignored) {
        tail.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        tail.stop();
    }
}
