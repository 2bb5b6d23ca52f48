package io.cms.common.rest;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Callers;
import io.cms.common.rest.ProblemException.Kind;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether reads of published content need a key ({@code cms.content.reads}): {@code public} (the
 * default) lets anyone read, {@code key} asks every {@link PublishedRead} for credentials, a content
 * key at least ({@code ?key=} or {@code Authorization: Bearer}), as Ghost's Content API does.
 */
@Provider
@PublishedRead
@Priority(Priorities.AUTHENTICATION)
public class PublishedReadFilter implements ContainerRequestFilter {

    private final Callers callers;
    private final boolean keyRequired;

    PublishedReadFilter(Callers callers, @ConfigProperty(name = "cms.content.reads", defaultValue = "public") String mode) {
        if (!mode.equals("public") && !mode.equals("key")) {
            throw new IllegalStateException("cms.content.reads (CMS_CONTENT_READS) must be public or key, not " + mode);
        }
        this.callers = callers;
        this.keyRequired = mode.equals("key");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!keyRequired) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String key = request.getUriInfo().getQueryParameters().getFirst("key");
        Caller caller = header != null ? callers.of(header) : key != null ? callers.ofKeyParameter(key) : Caller.ANONYMOUS;
        if (caller.anonymous()) {
            throw new ProblemException(Kind.UNAUTHORIZED, "Published content here needs a content key: ?key=… or"
                    + " Authorization: Bearer …");
        }
    }
}
