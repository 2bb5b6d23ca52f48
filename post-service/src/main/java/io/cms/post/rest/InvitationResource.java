package io.cms.post.rest;

import java.net.URI;

import io.cms.common.auth.Callers;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.post.accounts.Invitations;
import io.cms.post.accounts.User;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Invitations: made, listed and revoked by whoever may add the role; opened and accepted by the
 * person holding the link, who needs no other credential. Every answer is private.
 */
@Path("/api/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Invitations", description = "One-time links with which a person makes their own staff account")
public class InvitationResource {

    private final Invitations invitations;
    private final Callers callers;

    InvitationResource(Invitations invitations, Callers callers) {
        this.invitations = invitations;
        this.callers = callers;
    }

    public record InvitationInput(String email, String role, String expiresIn) {
    }

    public record Acceptance(String name, String password) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Invite someone", description = "Roles as for adding a user (owners and admins: any but owner;"
            + " editors: authors and contributors). expiresIn: ISO-8601, P7D by default, at most P30D. The url is in this"
            + " answer only; pass it on. A new invitation to the same address replaces the pending one.")
    public Response invite(InvitationInput input, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        InvitationInput in = input == null ? new InvitationInput(null, null, null) : input;
        Invitations.View v = invitations.invite(callers.of(authorization), in.email(), in.role(), in.expiresIn());
        return privately(Response.created(URI.create("/api/invitations/" + v.id())).entity(v));
    }

    @GET
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Pending invitations (editors and above); never their links")
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return privately(Response.ok(invitations.list(callers.of(authorization))));
    }

    @DELETE
    @Path("{id}")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Revoke a pending invitation")
    public Response revoke(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        invitations.revoke(callers.of(authorization), id);
        return Response.noContent().build();
    }

    @GET
    @Path("{token}")
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "What a link invites to: {email, role, expiresAt}", description = "404 once used, revoked or expired.")
    public Response open(@PathParam("token") String token) {
        return privately(Response.ok(invitations.pending(token).orElseThrow(() ->
                ProblemException.notFound("No such invitation, or it was used, revoked or has expired; ask for a new one"))));
    }

    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Accept: make the account", description = "{name, password} (the password rules of every account)"
            + " → 201 the user, who then signs in. The link is spent.")
    public Response accept(@PathParam("token") String token, Acceptance acceptance) {
        Acceptance a = acceptance == null ? new Acceptance(null, null) : acceptance;
        User u = invitations.accept(token, a.name(), a.password());
        return privately(Response.created(URI.create("/api/users/" + u.id)).entity(UserView.of(u)));
    }

    private static Response privately(Response.ResponseBuilder r) {
        return r.header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).header("Referrer-Policy", "no-referrer").build();
    }
}
