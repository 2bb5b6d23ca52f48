package io.cms.post.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cms.common.auth.Callers;
import io.cms.common.auth.RevokedSessions;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.ClientAddress;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.SessionCookies;
import io.cms.common.rest.ProblemException;
import io.cms.post.accounts.OidcSignIn;
import io.cms.post.accounts.Sessions;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Signing in (a session token for {@code Authorization: Bearer}, or in a cookie for browsers) and out. */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session", description = "Sign in with an email address and password; sign out")
public class SessionResource {

    private final Sessions sessions;
    private final SessionCookies cookies;
    private final OidcSignIn oidc;
    private final RevokedSessions revoked;
    private final Callers callers;
    private final CurrentVertxRequest current;
    private final ClientAddress clients = ClientAddress.fromConfig();

    SessionResource(Sessions sessions, Callers callers, CurrentVertxRequest current, RevokedSessions revoked,
            SessionCookies cookies, OidcSignIn oidc) {
        this.sessions = sessions;
        this.oidc = oidc;
        this.cookies = cookies;
        this.revoked = revoked;
        this.callers = callers;
        this.current = current;
    }

    /** {@code cookie}: the session goes in cookies for a browser instead of in the answer. */
    public record SignIn(String email, String password, Boolean cookie) {
    }

    /** {@code token} for a bearer session; {@code csrfToken} for a cookie session, whose token no script sees. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(String token, String csrfToken, Instant expiresAt, UserView user) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Sign in", description = "401 without saying which of the two was wrong; 429 after a few wrong"
            + " passwords for an account or from an address, until the window passes. With \"cookie\": true (browsers)"
            + " the token goes in the cookie cms_session (Secure; HttpOnly; SameSite=Strict) instead of the answer, and"
            + " every request but GET, HEAD and OPTIONS sent with it must carry X-CSRF-Token: the answer's csrfToken,"
            + " also in the cookie cms_csrf.")
    public Response signIn(SignIn in) {
        SignIn given = in == null ? new SignIn(null, null, null) : in;
        if (!oidc.settings().localPasswords()) {
            throw new ProblemException(ProblemException.Kind.FORBIDDEN, "Sign in through " + oidc.settings().issuer().get()
                    + " (POST /api/session/oidc): passwords are not used here");
        }
        return opened(sessions.signIn(given.email(), given.password(), clients.of(current.getCurrent().request())),
                given.cookie());
    }

    /** {@code idToken}: what the OpenID Connect provider issued after the user signed in there. */
    public record OidcSignInInput(String idToken, Boolean cookie) {
    }

    @POST
    @Path("oidc")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Sign in with the OpenID Connect provider's ID token", description = "When cms.oidc.issuer is set:"
            + " the token's signature, issuer, audience (cms.oidc.client-id) and expiry are checked, its role claim mapped"
            + " (cms.oidc.roles), the account found or made; then a session as from a password sign-in (cookie as there)."
            + " 404 when no provider is set, 401 for a token that does not check, 403 without a mapped role.")
    public Response signInWithProvider(OidcSignInInput in) {
        OidcSignInInput given = in == null ? new OidcSignInInput(null, null) : in;
        return opened(oidc.signIn(given.idToken(), clients.of(current.getCurrent().request())), given.cookie());
    }

    /** A session in the answer (bearer) or in cookies (browsers). */
    private Response opened(Sessions.SignedIn s, Boolean cookie) {
        Response.ResponseBuilder answer;
        if (Boolean.TRUE.equals(cookie)) {
            answer = Response.ok();
            String csrf = cookies.open(answer, s.token(), s.sessionId(), s.expiresAt());
            answer.entity(new SessionView(null, csrf, s.expiresAt(), UserView.of(s.user())));
        } else {
            answer = Response.ok(new SessionView(s.token(), null, s.expiresAt(), UserView.of(s.user())));
        }
        return answer.header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    public record Revoked(String id, Instant expiresAt) {
    }

    public record RevokedList(java.util.List<Revoked> sessions) {
    }

    /** What render- and search-service read every second (io.cms.common.auth.RevocationFeed): from memory. */
    @GET
    @Path("revoked")
    @AdminOnly
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Sessions ended before they expire", description = "For the other services: they refuse these"
            + " sessions' tokens. Admin token only.")
    public RevokedList revoked() {
        return new RevokedList(revoked.snapshot().entrySet().stream()
                .map(e -> new Revoked(e.getKey(), e.getValue())).toList());
    }

    @DELETE
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Sign out", description = "Ends the session of the token sent (or of the cookie, which it"
            + " clears), on every service within seconds.")
    public Response signOut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        sessions.signOut(callers.of(authorization));
        return SessionCookies.clear(Response.noContent()).build();
    }
}
