package io.cms.post.messaging;

import io.cms.common.messaging.PostTopicTail;
import io.cms.post.service.PostCommitted;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every replica reads {@code cms.posts} from its end: a change committed on another replica drops
 * this replica's view of the post (the replica that committed it already has, at commit).
 */
@ApplicationScoped
public class CommittedTail {

    private final PostTopicTail tail;

    CommittedTail(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, Event<PostCommitted> changes) {
        this.tail = new PostTopicTail(Topics.POSTS, bootstrapServers, "post-service-views",
                (id, slug) -> changes.fire(new PostCommitted(id, slug)), () -> changes.fire(PostCommitted.everything()));
    }

    void start(@Observes StartupEvent ignored) {
        tail.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        tail.stop();
    }
}
