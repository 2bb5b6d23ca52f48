package io.cms.post.rest;

import io.cms.common.limits.RateLimitFilter;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * The rate limits of {@code common} for this service: it does not let Quarkus index {@code common}
 * (its own problem mapper and admin check would meet common's), so the filter is registered here,
 * naming the filter interfaces itself (Quarkus does not see them on a class outside its index).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class RateLimitProvider extends RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    RateLimitProvider(CurrentVertxRequest current) {
        super(current);
    }
}
