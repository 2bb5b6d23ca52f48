package io.cms.post.rest;

import java.net.URI;
import java.util.List;

import io.cms.common.auth.Callers;
import io.cms.common.rest.ConditionalResponse;
import io.cms.post.preview.PreviewLinks;
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

/** A post's preview links: made, listed and revoked by whoever may read the post unpublished. */
@Path("/api/posts/{id}/preview-links")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preview links", description = "URLs that show one post's current text, rendered, to anyone who has them")
@SecurityRequirement(name = "bearer")
public class PreviewLinkResource {

    private final PreviewLinks links;
    private final Callers callers;

    PreviewLinkResource(PreviewLinks links, Callers callers) {
        this.links = links;
        this.callers = callers;
    }

    public record LinkInput(String expiresIn) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a preview link", description = "expiresIn: ISO-8601 (P7D by default, PT1M to P365D)."
            + " The url, served by render-service, is in this answer only; it shows the post as it is when opened,"
            + " marked noindex and never cached.")
    public Response create(@PathParam("id") String id, LinkInput input,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        PreviewLinks.View link = links.create(callers.of(authorization), id, input == null ? null : input.expiresIn());
        return Response.created(URI.create("/api/posts/" + link.postId() + "/preview-links/" + link.id())).entity(link)
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @GET
    @Operation(summary = "The post's live preview links (not expired, not revoked); never their URLs")
    public Response list(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        List<PreviewLinks.View> list = links.list(callers.of(authorization), id);
        return Response.ok(list).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @DELETE
    @Path("{linkId}")
    @Operation(summary = "Revoke a preview link", description = "Its URL answers 404 from the next request on.")
    public Response revoke(@PathParam("id") String id, @PathParam("linkId") String linkId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        links.revoke(callers.of(authorization), id, linkId);
        return Response.noContent().build();
    }
}
