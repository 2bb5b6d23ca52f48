package io.cms.render.rest;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.render.markdown.RenderResult;
import io.cms.render.service.LinkedPreviews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Preview links (made in post-service): the URL is the credential, for one post, showing its text as
 * it is now. Never cached, never indexed, and the page sends no Referer that could carry the URL on.
 */
@Path("/api/preview/{token}")
@RateLimited(RateLimited.Policy.EXPENSIVE)
@Tag(name = "Preview links", description = "A post's current text, for whoever holds its preview link")
public class LinkedPreviewResource {

    static final String NOINDEX = "noindex, nofollow";
    /** The page holds sanitized HTML only: no script runs, nothing is posted, no other page frames it. */
    static final String POLICY = "default-src 'none'; img-src https: http: data:; media-src https: http:;"
            + " style-src 'unsafe-inline'; frame-src https:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private final LinkedPreviews previews;

    LinkedPreviewResource(LinkedPreviews previews) {
        this.previews = previews;
    }

    @GET
    @Produces(RenderedViews.HTML)
    @Operation(summary = "The previewed post as a page", description = "404 once the link has expired or been revoked.")
    public Response page(@PathParam("token") String token) {
        return privately(Response.ok(PreviewPage.of(open(token))));
    }

    @GET
    @Path("json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The previewed post as JSON, the shape of /api/rendered/{idOrSlug}")
    public Response json(@PathParam("token") String token) {
        LinkedPreviews.Preview p = open(token);
        RenderResult r = p.render();
        return privately(Response.ok(new RenderedResponse(p.postId(), p.slug(), p.version(), p.title(), r.html(), r.toc(),
                r.excerpt(), r.readingTimeMinutes(), r.wordCount(), r.cjkCharCount(), r.charCount(), r.warnings(), null)));
    }

    private LinkedPreviews.Preview open(String token) {
        return previews.open(token)
                .orElseThrow(() -> ProblemException.notFound("No such preview link, or it has expired or been revoked"));
    }

    private static Response privately(Response.ResponseBuilder r) {
        return r.header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).header("X-Robots-Tag", NOINDEX)
                .header("Referrer-Policy", "no-referrer").header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
