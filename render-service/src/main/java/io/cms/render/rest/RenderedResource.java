package io.cms.render.rest;

import java.util.Optional;

import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ReadYourWrites;
import io.cms.render.RenderedPost;
import io.cms.render.service.RenderStore;
import io.cms.render.service.RenderWaiters;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Rendered posts for frontends. {@code ?minVersion=N} waits (up to {@code wait}, at most 10 s) for
 * version N, so a frontend that just saved N can show its HTML without polling.
 */
@Path("/api/rendered")
public class RenderedResource {

    static final String CACHE = "public, max-age=60, stale-while-revalidate=300";

    private final RenderStore store;
    private final RenderWaiters waiters;

    RenderedResource(RenderStore store, RenderWaiters waiters) {
        this.store = store;
        this.waiters = waiters;
    }

    @GET
    @Path("{idOrSlug}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response json(@PathParam("idOrSlug") String idOrSlug, @QueryParam("minVersion") String minVersion,
            @QueryParam("wait") String wait, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws InterruptedException {
        Found found = find(idOrSlug, minVersion, wait);
        return respond(found, ifNoneMatch, RenderedResponse.of(found.post()), MediaType.APPLICATION_JSON);
    }

    @GET
    @Path("{idOrSlug}/html")
    @Produces(MediaType.TEXT_HTML)
    public Response html(@PathParam("idOrSlug") String idOrSlug, @QueryParam("minVersion") String minVersion,
            @QueryParam("wait") String wait, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch)
            throws InterruptedException {
        Found found = find(idOrSlug, minVersion, wait);
        return respond(found, ifNoneMatch, found.post().html, "text/html; charset=utf-8");
    }

    /** A render, and whether it is older than the version the caller asked for. */
    private record Found(RenderedPost post, boolean stale) {
    }

    private Found find(String idOrSlug, String minVersion, String wait) throws InterruptedException {
        long min = ReadYourWrites.minVersion(minVersion);
        Optional<RenderedPost> post;
        if (min > 0) {
            Optional<RenderedPost> handed = waiters.await(idOrSlug, min, ReadYourWrites.waitMillis(wait), () -> store.visibleVersion(idOrSlug));
            post = handed.isPresent() ? handed : store.findVisible(idOrSlug);
        } else {
            post = store.findVisible(idOrSlug);
        }
        if (post.isEmpty()) {
            throw ProblemException.notFound("No rendered post " + idOrSlug
                    + (min > 0 ? " at version " + min + " or newer yet" : ""));
        }
        return new Found(post.get(), post.get().version < min);
    }

    private static Response respond(Found found, String ifNoneMatch, Object body, String type) {
        String etag = "\"" + found.post().version + "\"";
        Response.ResponseBuilder r;
        if (etag.equals(ifNoneMatch) || ("W/" + etag).equals(ifNoneMatch)) {
            r = Response.notModified();
        } else {
            r = Response.ok(body, type);
        }
        r.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, found.stale() ? "no-store" : CACHE);
        if (found.stale()) {
            r.header(ReadYourWrites.STALE_HEADER, "true");
        }
        return r.build();
    }
}
