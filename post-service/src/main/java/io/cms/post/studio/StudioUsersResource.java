package io.cms.post.studio;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Role;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.post.accounts.Invitations;
import io.cms.post.accounts.User;
import io.cms.post.accounts.UserInput;
import io.cms.post.accounts.Users;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The staff in the studio (editors and above, as the API): who has which role, changing roles and
 * removing people where the viewer's role allows, inviting someone with a one-time link to copy,
 * and the invitations still pending.
 */
@Path("/studio/settings/users")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.READ)
@Tag(name = "Studio")
public class StudioUsersResource {

    static final int PAGE_SIZE = 100;

    /**
     * A user as a line of the list; {@code manageable}: the viewer may change their role or remove
     * them; {@code mayBecomeOwner}: the viewer is the owner and may hand ownership to them.
     */
    @TemplateData
    public record Row(String id, String name, String email, String role, boolean manageable, boolean mayBecomeOwner) {
    }

    /** A pending invitation as a line. */
    @TemplateData
    public record Pending(String id, String email, String role, String expires) {
    }

    private final Template page;
    private final StudioPages pages;
    private final Users users;
    private final Invitations invitations;

    StudioUsersResource(@Location("studio/settings/users.html") Template page, StudioPages pages, Users users,
            Invitations invitations) {
        this.page = page;
        this.pages = pages;
        this.users = users;
        this.invitations = invitations;
    }

    @GET
    @Operation(summary = "The staff, the invitation form and pending invitations")
    public Response list(@QueryParam("done") String done, @QueryParam("page") String page) {
        Caller caller = pages.caller();
        return show(Response.ok(), caller, null, List.of(), done != null ? pages.messages().done() : null, pageOf(page));
    }

    /** Pages of 100 from 1; anything else is the first. */
    private static int pageOf(String value) {
        try {
            return value == null ? 1 : Math.max(1, Math.min(Integer.parseInt(value.strip()), 10_000 / PAGE_SIZE));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @POST
    @Path("invitations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Invite someone (form fields csrf, email, role, expiresIn); the page shows the link to pass on")
    public Response invite(@FormParam("csrf") String csrf, @FormParam("email") String email, @FormParam("role") String role,
            @FormParam("expiresIn") String expiresIn) {
        Caller caller = pages.form(csrf);
        try {
            Invitations.View made = invitations.invite(caller, email, role, expiresIn);
            return show(Response.status(201), caller, made, List.of(), null);
        } catch (ProblemException e) {
            return refused(e, caller);
        }
    }

    @POST
    @Path("invitations/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke a pending invitation (form field csrf)")
    public Response revokeInvitation(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        invitations.revoke(pages.form(csrf), id);
        return done();
    }

    @POST
    @Path("{id}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Give a user another role (form fields csrf, role); their sessions end")
    public Response changeRole(@PathParam("id") String id, @FormParam("csrf") String csrf, @FormParam("role") String role) {
        return act(csrf, caller -> users.update(caller, id, new UserInput(null, null, role, null, null)), done());
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Remove a user (form field csrf); their posts stay, owned by no one")
    public Response delete(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        return act(csrf, caller -> users.delete(caller, id), done());
    }

    @POST
    @Path("{id}/ownership")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Hand ownership to this user (form field csrf; the owner only); both sign in again")
    public Response transferOwnership(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        return act(csrf, caller -> users.transferOwnership(caller, id),
                Response.seeOther(URI.create("/studio/sign-in?again=1")).build());
    }

    /** Does it as the form's sender; {@code then} when it is done, the page with what was refused when not. */
    private Response act(String csrf, java.util.function.Consumer<Caller> action, Response then) {
        Caller caller = pages.form(csrf);
        try {
            action.accept(caller);
            return then;
        } catch (ProblemException e) {
            return refused(e, caller);
        }
    }

    private static Response done() {
        return Response.seeOther(URI.create("/studio/settings/users?done=1")).build();
    }

    private Response refused(ProblemException e, Caller caller) {
        if (e.kind() == ProblemException.Kind.FORBIDDEN || e.kind() == ProblemException.Kind.NOT_FOUND) {
            throw e;
        }
        return show(Response.status(e.status()), caller, null, StudioPages.describe(e), null);
    }

    private Response show(Response.ResponseBuilder r, Caller caller, Invitations.View made, List<String> errors, String note) {
        return show(r, caller, made, errors, note, 1);
    }

    private Response show(Response.ResponseBuilder r, Caller caller, Invitations.View made, List<String> errors, String note,
            int pageNumber) {
        List<User> staff = users.list(caller, pageNumber, PAGE_SIZE);
        long total = users.count();
        boolean owner = caller.kind() == Caller.Kind.USER && caller.role() == Role.OWNER;
        List<Row> rows = staff.stream().map(u -> new Row(u.id.toString(), u.name, u.email, u.roleId,
                !u.id.toString().equals(caller.userId()) && Users.manages(caller, u.role()),
                owner && u.role() != Role.OWNER)).toList();
        List<Pending> pending = invitations.list(caller).stream()
                .map(i -> new Pending(i.id(), i.email(), i.role(), pages.time(i.expiresAt()))).toList();
        List<String> assignable = Arrays.stream(Role.values()).filter(role -> role != Role.OWNER && Users.mayAssign(caller, role))
                .map(Role::id).toList();
        return pages.page(r, page.instance().data("users", rows).data("total", total)
                .data("previousPage", pageNumber > 1 ? pageNumber - 1 : 0)
                .data("nextPage", (long) pageNumber * PAGE_SIZE < total ? pageNumber + 1 : 0).data("pending", pending)
                .data("assignable", assignable).data("made", made).data("note", note).data("errors", errors)
                .data("csrf", pages.csrf(caller)).data("zone", pages.zone().getId()), caller);
    }
}
