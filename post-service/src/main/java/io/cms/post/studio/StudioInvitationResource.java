package io.cms.post.studio;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.post.accounts.Invitations;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where an invitation link leads a person: what they are invited to, and a form to choose their
 * name and password. The token is the only credential, as for {@code /api/invitations/{token}}.
 */
@Path("/studio/invitations/{token}")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.EXPENSIVE)
@Tag(name = "Studio")
public class StudioInvitationResource {

    private final Template page;
    private final StudioPages pages;
    private final Invitations invitations;

    StudioInvitationResource(@Location("studio/invitation.html") Template page, StudioPages pages, Invitations invitations) {
        this.page = page;
        this.pages = pages;
        this.invitations = invitations;
    }

    @GET
    @Operation(summary = "The invitation's page: who is invited, in which role, and the form to accept")
    public Response open(@PathParam("token") String token) {
        Optional<Invitations.Pending> invited = invitations.pending(token);
        return show(invited.isPresent() ? Response.ok() : Response.status(404), invited.orElse(null), "", List.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Accept (form fields name, password): the account is made, then the sign-in page")
    public Response accept(@PathParam("token") String token, @FormParam("name") String name, @FormParam("password") String password) {
        try {
            invitations.accept(token, name, password);
            return Response.seeOther(URI.create("/studio/sign-in?welcome=1")).build();
        } catch (ProblemException e) {
            Optional<Invitations.Pending> invited = invitations.pending(token);
            return show(Response.status(e.status()), invited.orElse(null), name == null ? "" : name, StudioPages.describe(e));
        }
    }

    private Response show(Response.ResponseBuilder r, Invitations.Pending invited, String name, List<String> errors) {
        String role = invited == null ? "" : pages.messages().roleName(invited.role());
        return pages.page(r, page.instance().data("invited", invited).data("roleName", role).data("name", name)
                .data("errors", errors), null);
    }
}
