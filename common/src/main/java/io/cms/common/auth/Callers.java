package io.cms.common.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells who sent a request from its {@code Authorization} header: the bootstrap token, a session
 * token, an API key, or nobody. Costs no query: tokens are checked by signature and against the
 * in-memory set of ended sessions, keys against the in-memory set of active ones.
 */
@ApplicationScoped
public class Callers {

    private static final String BEARER = "bearer ";

    private final byte[] bootstrap;
    private final SessionTokens tokens;
    private final RevokedSessions revoked;
    private final ActiveKeys keys;
    private final KeyUse keyUse;

    Callers(@ConfigProperty(name = "cms.admin-token") String bootstrap, SessionTokens tokens, RevokedSessions revoked,
            ActiveKeys keys, KeyUse keyUse) {
        this.keys = keys;
        this.keyUse = keyUse;
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalStateException("Set CMS_ADMIN_TOKEN (cms.admin-token): writes and admin work need an admin token");
        }
        this.bootstrap = bootstrap.strip().getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
        this.revoked = revoked;
    }

    /**
     * @return the caller; {@link Caller#ANONYMOUS} when no credentials were sent
     * @throws ProblemException 401 for another scheme or an ended session, 403 for a token this CMS
     *         did not issue: a caller who sends bad credentials should hear so rather than be
     *         served as anonymous
     */
    public Caller of(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Caller.ANONYMOUS;
        }
        String given = bearerToken(authorization);
        if (given == null) {
            throw new ProblemException(Kind.UNAUTHORIZED, "Use the Authorization: Bearer <token> scheme");
        }
        if (isBootstrapToken(given)) {
            return Caller.BOOTSTRAP;
        }
        if (SessionTokens.looksLikeToken(given)) {
            SessionTokens.Session s = tokens.verify(given).orElseThrow(() ->
                    new ProblemException(Kind.UNAUTHORIZED, "The session token is not valid or has expired: sign in again"));
            if (!revoked.live() || revoked.revoked(s.sessionId())) {
                throw new ProblemException(Kind.UNAUTHORIZED, revoked.live() ? "The session has ended: sign in again"
                        : "This service's list of ended sessions is out of date, so it accepts no session token until it"
                                + " reads the list again (the admin token works)");
            }
            return Caller.user(s.userId(), s.role(), s.sessionId());
        }
        if (ActiveKeys.looksLikeKey(given)) {
            return key(given);
        }
        throw new ProblemException(Kind.FORBIDDEN, "The token is not valid for this CMS");
    }

    /**
     * True only for exactly the bootstrap token: the credential the services call each other with
     * (the studio's previews and searches). Throws nothing, so a filter may ask before authentication.
     */
    public boolean isBootstrap(String authorization) {
        String given = bearerToken(authorization);
        return given != null && isBootstrapToken(given);
    }

    /** The token of a {@code Bearer} header, stripped; null for no header or another scheme. */
    private static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    private boolean isBootstrapToken(String given) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), bootstrap);
    }

    /**
     * The caller of a {@code ?key=} parameter: content keys only, since a URL ends up in logs and
     * histories (admin keys go in the header).
     */
    public Caller ofKeyParameter(String key) {
        String given = key.strip();
        if (!ActiveKeys.CONTENT_KEY.matcher(given).matches()) {
            throw ProblemException.invalid("key", "must be a content key (26 lowercase hexadecimal characters);"
                    + " admin keys go in the Authorization header, never in a URL");
        }
        Caller caller = key(given);
        if (caller.kind() != Caller.Kind.CONTENT_KEY) {
            throw ProblemException.invalid("key", "must be a content key");
        }
        return caller;
    }

    private Caller key(String secret) {
        if (!keys.live()) {
            throw new ProblemException(Kind.UNAUTHORIZED, "This service's list of keys is out of date, so it accepts no key"
                    + " until it reads the list again (the admin token works)");
        }
        ActiveKeys.Key k = keys.find(secret).orElseThrow(() ->
                new ProblemException(Kind.FORBIDDEN, "The key is not valid for this CMS (revoked, or never made)"));
        keyUse.used(k.id());
        return Caller.key(k.id(), k.admin());
    }
}
