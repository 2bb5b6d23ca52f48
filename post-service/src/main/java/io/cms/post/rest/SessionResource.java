package io.cms.post.rest;

import java.time.Instant;

import io.cms.common.auth.Callers;
import io.cms.common.auth.RevokedSessions;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.ClientAddress;
import io.cms.common.rest.ConditionalResponse;
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

/** Signing in (a session token for {@code Authorization: Bearer}) and out. */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Session", description = "Sign in with an email address and password; sign out")
public class SessionResource {

    private final Sessions sessions;
    private final RevokedSessions revoked;
    private final Callers callers;
    private final CurrentVertxRequest current;
    private final ClientAddress clients = ClientAddress.fromConfig();

    SessionResource(Sessions sessions, Callers callers, CurrentVertxRequest current, RevokedSessions revoked) {
        this.sessions = sessions;
        this.revoked = revoked;
        this.callers = callers;
        this.current = current;
    }

    public record SignIn(String email, String password) {
    }

    public record SessionView(String token, Instant expiresAt, UserView user) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Sign in", description = "401 without saying which of the two was wrong; 429 after a few wrong"
            + " passwords for an account or from an address, until the window passes.")
    public Response signIn(SignIn in) {
        SignIn given = in == null ? new SignIn(null, null) : in;
        Sessions.SignedIn s = sessions.signIn(given.email(), given.password(), clients.of(current.getCurrent().request()));
        return Response.ok(new SessionView(s.token(), s.expiresAt(), UserView.of(s.user())))
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
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
    @Operation(summary = "Sign out", description = "Ends the session of the token sent, on every service within seconds.")
    public Response signOut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        sessions.signOut(callers.of(authorization));
        return Response.noContent().build();
    }
}
