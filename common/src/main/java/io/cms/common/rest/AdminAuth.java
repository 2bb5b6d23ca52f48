package io.cms.common.rest;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Callers;
import io.cms.common.rest.ProblemException.Kind;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The admin check of every service: writes, admin work and unpublished content need the bootstrap
 * token or the session of an owner or admin ({@code Authorization: Bearer <token>}).
 */
@ApplicationScoped
public class AdminAuth {

    private final Callers callers;

    AdminAuth(Callers callers) {
        this.callers = callers;
    }

    /**
     * @return true for an admin caller; false without credentials or for a user below admin, who is
     *         served what anyone is
     * @throws ProblemException 401 for another scheme or an ended session, 403 for a wrong token
     */
    public boolean isAdmin(String authorization) {
        return callers.of(authorization).admin();
    }

    /** 401 without credentials, 403 with wrong ones or too small a role. */
    public Caller requireAdmin(String authorization) {
        Caller caller = callers.of(authorization);
        if (caller.anonymous()) {
            throw new ProblemException(Kind.UNAUTHORIZED, "This operation needs the admin token or an admin's session");
        }
        if (!caller.admin()) {
            throw new ProblemException(Kind.FORBIDDEN, caller.describe() + " may not do this");
        }
        return caller;
    }
}
