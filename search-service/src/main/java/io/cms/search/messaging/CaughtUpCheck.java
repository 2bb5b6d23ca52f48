package io.cms.search.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the index has applied what was on {@code cms.posts} when the feed started. */
@Readiness
@ApplicationScoped
public class CaughtUpCheck implements HealthCheck {

    private final IndexFeeder feeder;

    CaughtUpCheck(IndexFeeder feeder) {
        this.feeder = feeder;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("search index caught up with cms.posts").status(feeder.caughtUp()).build();
    }
}
