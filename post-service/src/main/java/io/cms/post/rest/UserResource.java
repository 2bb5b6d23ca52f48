package io.cms.post.rest;

import java.net.URI;

import io.cms.common.auth.Callers;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ConditionalResponse;
import io.cms.post.accounts.User;
import io.cms.post.accounts.UserInput;
import io.cms.post.accounts.Users;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Staff accounts. Who may do what is {@link Users}' business; every answer is private. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users", description = "Staff accounts and their roles (owner, admin, editor, author, contributor)")
@SecurityRequirement(name = "bearer")
public class UserResource {

    private final Users users;
    private final Callers callers;

    UserResource(Users users, Callers callers) {
        this.users = users;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Add a user", description = "Owners and admins add any role but owner; editors add authors and"
            + " contributors; the admin token also makes the first owner. Passwords: 12 to 256 characters, not a common one.")
    public Response create(UserInput input, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        User u = users.create(callers.of(authorization), input);
        return Response.created(URI.create("/api/users/" + u.id)).entity(UserView.of(u))
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @GET
    @Operation(summary = "List the staff (owners, admins and editors)")
    public UserView.Page list(@QueryParam("page") String page, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        int p = ListParams.page(page);
        int l = ListParams.limit(limit);
        ListParams.requireWithinWindow(p, l);
        return new UserView.Page(users.list(callers.of(authorization), p, l).stream().map(UserView::of).toList(),
                users.count(), p, l);
    }

    @GET
    @Path("me")
    @Operation(summary = "The signed-in user")
    public UserView me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return UserView.of(users.me(callers.of(authorization)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One user (yourself, or anyone for editors and above)")
    public UserView get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return UserView.of(users.get(callers.of(authorization), id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Change a user", description = "Absent fields stay. Changing your own password needs currentPassword;"
            + " a new role or password ends the user's sessions.")
    public UserView update(@PathParam("id") String id, UserInput input,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return UserView.of(users.update(callers.of(authorization), id, input));
    }

    @POST
    @Path("{id}/ownership")
    @Operation(summary = "Hand ownership to this user", description = "The owner (or the admin token) only; the owner before"
            + " becomes an admin. Both sign in again.")
    public UserView transferOwnership(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return UserView.of(users.transferOwnership(callers.of(authorization), id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a user", description = "Ends their sessions on every service within seconds.")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        users.delete(callers.of(authorization), id);
        return Response.noContent().build();
    }
}
