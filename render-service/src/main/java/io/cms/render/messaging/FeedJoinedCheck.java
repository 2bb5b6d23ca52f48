package io.cms.render.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the feed has joined its consumer group, so a replica that cannot reach Kafka takes no traffic. */
@Readiness
@ApplicationScoped
public class FeedJoinedCheck implements HealthCheck {

    private final PostFeed feed;

    FeedJoinedCheck(PostFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("render feed joined its cms.posts consumer group").status(feed.joined()).build();
    }
}
