package io.cms.common.rest;

import io.cms.common.auth.Callers;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * A content key sent as {@code ?key=} (how static sites embed one, as with Ghost's Content API) is
 * checked on every request that carries one: a revoked or unknown key, or an admin key in a URL, is
 * refused rather than ignored.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class KeyParameterFilter implements ContainerRequestFilter {

    private final Callers callers;

    KeyParameterFilter(Callers callers) {
        this.callers = callers;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String key = request.getUriInfo().getQueryParameters().getFirst("key");
        if (key != null) {
            callers.ofKeyParameter(key);
        }
    }
}
