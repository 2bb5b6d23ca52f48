package io.cms.post.studio;

import java.net.URI;
import java.util.List;

import io.cms.common.auth.Caller;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.post.accounts.User;
import io.cms.post.accounts.UserInput;
import io.cms.post.accounts.Users;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The signed-in person's own account, whatever their role: name and email, and a new password
 * (asked with the present one, as the API asks; every session ends, this one included).
 */
@Path("/studio/profile")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.READ)
@Tag(name = "Studio")
public class StudioProfileResource {

    private final Template page;
    private final StudioPages pages;
    private final Users users;

    StudioProfileResource(@Location("studio/profile.html") Template page, StudioPages pages, Users users) {
        this.page = page;
        this.pages = pages;
        this.users = users;
    }

    @GET
    @Operation(summary = "Your name, email and password")
    public Response show(@QueryParam("saved") String saved) {
        Caller caller = pages.caller();
        User me = users.me(caller);
        return show(Response.ok(), caller, me.name, me.email, List.of(), saved != null ? pages.messages().saved() : null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Change your name and email (form fields csrf, name, email)")
    public Response update(@FormParam("csrf") String csrf, @FormParam("name") String name, @FormParam("email") String email) {
        Caller caller = pages.form(csrf);
        try {
            users.update(caller, users.me(caller).id.toString(), new UserInput(email, name, null, null, null));
            return Response.seeOther(URI.create("/studio/profile?saved=1")).build();
        } catch (ProblemException e) {
            return refused(e, caller, name, email);
        }
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Change your password (form fields csrf, currentPassword, password); every session ends")
    public Response password(@FormParam("csrf") String csrf, @FormParam("currentPassword") String current,
            @FormParam("password") String password) {
        Caller caller = pages.form(csrf);
        User me = users.me(caller);
        try {
            users.update(caller, me.id.toString(), new UserInput(null, null, null, password == null ? "" : password,
                    current == null ? "" : current));
            return Response.seeOther(URI.create("/studio/sign-in?again=1")).build();
        } catch (ProblemException e) {
            return refused(e, caller, me.name, me.email);
        }
    }

    private Response refused(ProblemException e, Caller caller, String name, String email) {
        if (e.kind() == ProblemException.Kind.FORBIDDEN || e.kind() == ProblemException.Kind.UNAUTHORIZED) {
            throw e;
        }
        return show(Response.status(e.status()), caller, name, email, StudioPages.describe(e), null);
    }

    private Response show(Response.ResponseBuilder r, Caller caller, String name, String email, List<String> errors, String note) {
        return pages.page(r, page.instance().data("name", name == null ? "" : name).data("email", email == null ? "" : email)
                .data("errors", errors).data("note", note).data("csrf", pages.csrf(caller)), caller);
    }
}
