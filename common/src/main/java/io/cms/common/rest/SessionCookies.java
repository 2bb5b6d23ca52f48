package io.cms.common.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cms.common.auth.SessionTokens;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The session in a cookie, for browsers (the studio): {@code cms_session} holds the session token
 * ({@code Secure; HttpOnly; SameSite=Strict}, so no script reads it and no other site's request
 * carries it), {@code cms_csrf} its CSRF token (readable by our pages, which send it back as
 * {@code X-CSRF-Token}). A request without an {@code Authorization} header that carries a valid
 * cookie is treated as if it sent the token as a bearer, on every service; one that could change
 * something (any method but GET, HEAD, OPTIONS) must also carry the CSRF token, or it is refused
 * before any resource sees it; under {@link #FORMS} the studio's forms carry it in a field instead.
 */
@ApplicationScoped
public class SessionCookies {

    public static final String SESSION = "cms_session";
    public static final String CSRF = "cms_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    /** The studio's HTML forms, which cannot send a header: each checks the token in a hidden field itself. */
    public static final String FORMS = "/studio/";

    private final SessionTokens tokens;

    SessionCookies(SessionTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * Puts a browser session in the answer: the token in {@code cms_session}, its CSRF token in
     * {@code cms_csrf}.
     *
     * @return the CSRF token, for the answer's body or a page's forms
     */
    public String open(Response.ResponseBuilder answer, String token, String sessionId, Instant expiresAt) {
        String csrf = tokens.csrfToken(sessionId);
        long maxAge = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
        answer.header(HttpHeaders.SET_COOKIE, cookie(SESSION, token, maxAge, true))
                .header(HttpHeaders.SET_COOKIE, cookie(CSRF, csrf, maxAge, false));
        return csrf;
    }

    /** Ends the browser session's cookies in the answer. */
    public static Response.ResponseBuilder clear(Response.ResponseBuilder answer) {
        return answer.header(HttpHeaders.SET_COOKIE, cookie(SESSION, "", 0, true))
                .header(HttpHeaders.SET_COOKIE, cookie(CSRF, "", 0, false));
    }

    /** Whether {@code sent} is the CSRF token of the session (compared in constant time). */
    public boolean csrfMatches(String sessionId, String sent) {
        return sent != null && MessageDigest.isEqual(tokens.csrfToken(sessionId).getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    private static String cookie(String name, String value, long maxAge, boolean httpOnly) {
        return name + "=" + value + "; Path=/; Max-Age=" + maxAge + "; Secure; " + (httpOnly ? "HttpOnly; " : "")
                + "SameSite=Strict";
    }

    // Before every other filter: rate limits and credentials checks then see the bearer like any other.
    void register(@Observes Filters filters) {
        filters.register(this::handle, 2000);
    }

    void handle(RoutingContext rc) {
        Cookie session = rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null ? rc.request().getCookie(SESSION) : null;
        if (session == null || session.getValue().isEmpty()) {
            rc.next();
            return;
        }
        String token = session.getValue();
        // An expired or foreign cookie is no credential: the request goes on as anonymous (a reader
        // whose studio session lapsed still reads published content).
        Optional<SessionTokens.Session> valid = tokens.verify(token);
        if (valid.isEmpty()) {
            rc.next();
            return;
        }
        if (!SAFE.contains(rc.request().method().name()) && !rc.normalizedPath().startsWith(FORMS)
                && !csrfMatches(valid.get().sessionId(), rc.request().getHeader(CSRF_HEADER))) {
            refuse(rc);
            return;
        }
        rc.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        rc.next();
    }

    private static void refuse(RoutingContext rc) {
        Problem.send(rc, ProblemException.Kind.FORBIDDEN, "A change made with the session cookie needs the " + CSRF_HEADER
                + " header: the value of the " + CSRF + " cookie, also given when signing in",
                List.of(new Problem.FieldError(CSRF_HEADER, "is missing or does not match the session")),
                Map.of(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE));
    }
}
