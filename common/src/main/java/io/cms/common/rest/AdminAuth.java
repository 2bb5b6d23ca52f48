package io.cms.common.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The admin token check of the consuming services: {@code Authorization: Bearer <CMS_ADMIN_TOKEN>}. */
@ApplicationScoped
public class AdminAuth {

    private final byte[] token;

    AdminAuth(@ConfigProperty(name = "cms.admin-token") String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("Set CMS_ADMIN_TOKEN (cms.admin-token)");
        }
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** 401 without credentials, 403 with wrong ones. */
    public void requireAdmin(String authorization) {
        String prefix = "bearer ";
        if (authorization == null || authorization.length() <= prefix.length()
                || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new ProblemException(401, "unauthorized", "This operation needs the admin token", List.of());
        }
        byte[] given = authorization.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new ProblemException(403, "forbidden", "The token is not valid for this CMS", List.of());
        }
    }
}
