package io.cms.common.limits;

import java.lang.reflect.Method;
import java.util.List;

import io.cms.common.auth.Callers;
import io.cms.common.rest.ClientAddress;
import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException.Kind;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Applies the {@link RateLimited} policies per client address before anything else runs (before
 * the token is checked, before the body is read), answers 429 with {@code Retry-After} and a
 * problem document when a client is over, and tells every limited answer its quota in the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} fields. Counts failed authentication (401/403 to a
 * request with credentials) and turns a client that keeps failing away unchecked, logging it once.
 * Requests with the bootstrap token are not counted against a policy: that is how the services call
 * each other, so every writer's previews and studio searches would otherwise share post-service's
 * one address and its one bucket; the studio limits them per writer's address at its own door.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";
    private static final String CLIENT = RateLimitFilter.class.getName() + ".client";

    private final CurrentVertxRequest current;
    private final Callers callers;
    private final RateLimits limits = RateLimits.fromConfig();
    private final ClientAddress clients = ClientAddress.fromConfig();

    @Inject
    public RateLimitFilter(CurrentVertxRequest current, Callers callers) {
        this.current = current;
        this.callers = callers;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!limits.enabled()) {
            return;
        }
        String client = clients.of(current.getCurrent().request());
        request.setProperty(CLIENT, client);
        boolean credentials = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        RateLimiter failures = limits.authFailures();
        if (credentials && failures.exhausted(client)) {
            RateLimiter.Decision d = failures.take(client);
            if (d.justRanDry()) {
                LOG.warnf("Authentication keeps failing from %s: its requests with credentials get 429 for now, "
                        + "one more try every %d s (logged once while it goes on)", client, d.retryAfterSeconds());
            }
            request.abortWith(tooMany(d, "Too many failed attempts to authenticate from this address", request));
            return;
        }
        RateLimited limited = annotation(request);
        if (limited == null || (limited.value() == RateLimited.Policy.READ && credentials)
                || (credentials && callers.isBootstrap(request.getHeaderString(HttpHeaders.AUTHORIZATION)))) {
            return;
        }
        RateLimiter.Decision d = limits.policy(limited.value()).take(client);
        request.setProperty(DECISION, d);
        if (!d.allowed()) {
            request.abortWith(tooMany(d, "This address is over the " + limited.value().name().toLowerCase(java.util.Locale.ROOT)
                    + " rate limit (" + d.policy().policyHeader() + ")", request));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision d) {
            response.getHeaders().putSingle("RateLimit-Policy", d.policy().policyHeader());
            response.getHeaders().putSingle("RateLimit", d.header());
        }
        int status = response.getStatus();
        if ((status == 401 || status == 403) && request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                && request.getProperty(CLIENT) instanceof String client) {
            limits.authFailures().take(client);
        }
    }

    /** The policy of the matched endpoint, on its method or else on its class. */
    private static RateLimited annotation(ContainerRequestContext request) {
        ResourceInfo resource = request instanceof ResteasyReactiveContainerRequestContext rr
                ? rr.getServerRequestContext().getResteasyReactiveResourceInfo() : null;
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Method m = resource.getResourceMethod();
        RateLimited onMethod = m.getAnnotation(RateLimited.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RateLimited.class);
    }

    private static Response tooMany(RateLimiter.Decision d, String detail, ContainerRequestContext request) {
        Kind kind = Kind.RATE_LIMITED;
        Problem p = new Problem(kind.type(), kind.title, kind.status, detail + "; retry after "
                + d.retryAfterSeconds() + " s", request.getUriInfo().getPath(), List.of());
        return Response.status(429).type(Problem.MEDIA_TYPE).entity(p)
                .header("Retry-After", Long.toString(d.retryAfterSeconds()))
                .header("RateLimit-Policy", d.policy().policyHeader())
                .header("RateLimit", d.header()).build();
    }
}
