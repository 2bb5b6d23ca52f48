package io.cms.common.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Rejects calls to {@link AdminOnly} endpoints without the admin token, before the body is read. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminOnlyFilter implements ContainerRequestFilter {

    private final AdminAuth auth;

    AdminOnlyFilter(AdminAuth auth) {
        this.auth = auth;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        auth.requireAdmin(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }
}
