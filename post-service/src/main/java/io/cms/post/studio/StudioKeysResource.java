package io.cms.post.studio;

import java.net.URI;
import java.util.List;

import io.cms.common.auth.Caller;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.post.accounts.ApiKeys;
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

/** API keys in the studio (admins, as the API): the active ones, a new one shown once to copy, revoking. */
@Path("/studio/settings/keys")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.READ)
@Tag(name = "Studio")
public class StudioKeysResource {

    /** A key as a line of the list. */
    @TemplateData
    public record Row(String id, String name, String kind, String created, String lastUsed) {
    }

    private final Template page;
    private final StudioPages pages;
    private final ApiKeys keys;

    StudioKeysResource(@Location("studio/settings/keys.html") Template page, StudioPages pages, ApiKeys keys) {
        this.page = page;
        this.pages = pages;
        this.keys = keys;
    }

    @GET
    @Operation(summary = "The active keys, and the form for a new one")
    public Response list(@QueryParam("revoked") String revoked) {
        Caller caller = pages.caller();
        return show(Response.ok(), caller, null, null, revoked != null ? pages.messages().keyRevoked() : null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Make a key (form fields csrf, name, kind); the page shows it this once")
    public Response create(@FormParam("csrf") String csrf, @FormParam("name") String name, @FormParam("kind") String kind) {
        Caller caller = pages.form(csrf);
        try {
            ApiKeys.View made = keys.create(caller, name, kind);
            return show(Response.status(201), caller, made, null, null);
        } catch (ProblemException e) {
            if (e.kind() == ProblemException.Kind.FORBIDDEN) {
                throw e;
            }
            return show(Response.status(e.status()), caller, null, StudioPages.describe(e), null);
        }
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke a key (form field csrf): refused everywhere within seconds")
    public Response revoke(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        keys.revoke(pages.form(csrf), id);
        return Response.seeOther(URI.create("/studio/settings/keys?revoked=1")).build();
    }

    private Response show(Response.ResponseBuilder r, Caller caller, ApiKeys.View made, List<String> errors, String note) {
        List<Row> rows = keys.list(caller).stream()
                .map(k -> new Row(k.id(), k.name(), k.kind(), pages.time(k.createdAt()), pages.time(k.lastUsedAt()))).toList();
        return pages.page(r, page.instance().data("keys", rows).data("made", made).data("note", note)
                .data("errors", errors == null ? List.of() : errors).data("csrf", pages.csrf(caller)).data("zone", pages.zone().getId()),
                caller);
    }
}
