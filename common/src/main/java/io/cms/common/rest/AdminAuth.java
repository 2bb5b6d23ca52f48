package io.cms.common.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.cms.common.rest.ProblemException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The admin token check of every service: writes, admin work and unpublished content need {@code Authorization: Bearer <token>}. */
@ApplicationScoped
public class AdminAuth {

    private final byte[] token;

    AdminAuth(@ConfigProperty(name = "cms.admin-token") String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("Set CMS_ADMIN_TOKEN (cms.admin-token): writes and admin work need an admin token");
        }
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return true for the admin token, false when no credentials were sent
     * @throws ProblemException 401 for another scheme, 403 for a wrong token: a caller who sends bad
     *         credentials should hear so rather than be served as anonymous
     */
    public boolean isAdmin(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return false;
        }
        String prefix = "bearer ";
        if (authorization.length() <= prefix.length()
                || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new ProblemException(Kind.UNAUTHORIZED, "Use the Authorization: Bearer <token> scheme");
        }
        byte[] given = authorization.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new ProblemException(Kind.FORBIDDEN, "The token is not valid for this CMS");
        }
        return true;
    }

    /** 401 without credentials, 403 with wrong ones. */
    public void requireAdmin(String authorization) {
        if (!isAdmin(authorization)) {
            throw new ProblemException(Kind.UNAUTHORIZED, "This operation needs the admin token");
        }
    }
}
