package io.cms.post.rest;

import java.time.OffsetDateTime;

import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.post.Post;
import io.cms.post.preview.PreviewLinks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What render-service asks when a preview link is opened: the post the token opens, as it is now.
 * Internal (the admin token; the ingress does not route it). The token travels in the body, out
 * of access logs.
 */
@Path("/api/preview-links")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preview links")
@SecurityRequirement(name = "bearer")
public class PreviewOpenResource {

    private final PreviewLinks links;

    PreviewOpenResource(PreviewLinks links) {
        this.links = links;
    }

    public record OpenInput(String token) {
    }

    /** The post a link opens, with what rendering it needs. */
    public record OpenedPost(String linkId, OffsetDateTime expiresAt, String postId, String slug, long version,
            String status, String title, String markdown, String excerpt) {

        static OpenedPost of(PreviewLinks.Opened opened) {
            Post p = opened.post();
            return new OpenedPost(opened.linkId(), opened.expiresAt(), p.id.toString(), p.slug, p.version,
                    p.status.wireName(), p.title, p.markdown, p.excerpt);
        }
    }

    @POST
    @Path("open")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The post a preview token opens now (render-service's question; admin token)",
            description = "404 for a token that is unknown, expired or revoked, and for a post deleted since.")
    public Response open(OpenInput input) {
        PreviewLinks.Opened opened = links.open(input == null ? null : input.token())
                .orElseThrow(() -> ProblemException.notFound("No such preview link, or it has expired or been revoked"));
        return Response.ok(OpenedPost.of(opened)).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }
}
