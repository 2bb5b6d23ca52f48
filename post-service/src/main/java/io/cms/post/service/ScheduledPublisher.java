package io.cms.post.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Publishes scheduled posts when their time comes, with no one calling the API. */
@ApplicationScoped
public class ScheduledPublisher {

    private static final Logger LOG = Logger.getLogger(ScheduledPublisher.class);
    private static final int BATCH = 100;

    private final PostService posts;

    ScheduledPublisher(PostService posts) {
        this.posts = posts;
    }

    @Scheduled(every = "${cms.scheduler.every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void publishDuePosts() {
        try {
            int published;
            do {
                published = posts.publishDue(BATCH);
                if (published > 0) {
                    LOG.infof("Published %d scheduled post(s)", published);
                }
            } while (published == BATCH);
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next tick tries again.
            LOG.warnf("Scheduled publishing failed: %s", e.getMessage());
        }
    }
}
