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

/** Rejects calls to {@link SignedIn} endpoints without staff credentials (a content key is not), before the body is read. */
@Provider
@SignedIn
@Priority(Priorities.AUTHENTICATION)
public class SignedInFilter implements ContainerRequestFilter {

    private final Callers callers;

    SignedInFilter(Callers callers) {
        this.callers = callers;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = callers.of(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (caller.anonymous()) {
            throw new ProblemException(Kind.UNAUTHORIZED, "This needs a session (POST /api/session), an admin key or the admin token");
        }
        if (!caller.staff()) {
            throw new ProblemException(Kind.FORBIDDEN, caller.describe() + " reads published content only");
        }
    }
}
