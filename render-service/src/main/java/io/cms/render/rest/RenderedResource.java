package io.cms.render.rest;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ClientAddress;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ReadYourWrites;
import io.cms.render.RenderedPost;
import io.cms.render.service.RenderStore;
import io.cms.render.service.RenderWaiters;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Rendered posts for frontends. {@code ?minVersion=N} waits (up to {@code wait}, at most 10 s) for
 * version N, so a frontend that just saved N can show its HTML without polling. A wait holds no
 * thread: the request returns its worker at once and is answered when the version is there.
 */
@Path("/api/rendered")
@RateLimited(RateLimited.Policy.READ)
public class RenderedResource {

    static final String CACHE = "public, max-age=60, stale-while-revalidate=300";

    private final RenderStore store;
    private final RenderWaiters waiters;
    private final ClientAddress clients;

    RenderedResource(RenderStore store, RenderWaiters waiters, ClientAddress clients) {
        this.store = store;
        this.waiters = waiters;
        this.clients = clients;
    }

    @GET
    @Path("{idOrSlug}")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Response> json(@PathParam("idOrSlug") String idOrSlug, @QueryParam("minVersion") String minVersion,
            @QueryParam("wait") String wait, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context HttpServerRequest request) {
        return find(idOrSlug, minVersion, wait, request)
                .thenApply(found -> respond(found, ifNoneMatch, RenderedResponse.of(found.post()), MediaType.APPLICATION_JSON));
    }

    @GET
    @Path("{idOrSlug}/html")
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    public CompletionStage<Response> html(@PathParam("idOrSlug") String idOrSlug, @QueryParam("minVersion") String minVersion,
            @QueryParam("wait") String wait, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context HttpServerRequest request) {
        return find(idOrSlug, minVersion, wait, request)
                .thenApply(found -> respond(found, ifNoneMatch, found.post().html, "text/html; charset=utf-8"));
    }

    /** A render, and whether it is older than the version the caller asked for. */
    private record Found(RenderedPost post, boolean stale) {
    }

    /** Runs on a worker thread; what follows a wait is read on one again. */
    private CompletionStage<Found> find(String idOrSlug, String minVersion, String wait, HttpServerRequest request) {
        long min = ReadYourWrites.minVersion(minVersion);
        long waitMillis = ReadYourWrites.waitMillis(wait);
        // A waiting request probes the version first: a small query, where the row holds all the HTML.
        if (min == 0 || store.visibleVersion(idOrSlug) >= min) {
            return CompletableFuture.completedFuture(found(idOrSlug, store.findVisible(idOrSlug), min));
        }
        return waiters.await(idOrSlug, clients.of(request), min, waitMillis).thenApplyAsync(
                handed -> found(idOrSlug, handed.isPresent() ? handed : store.findVisible(idOrSlug), min),
                Infrastructure.getDefaultWorkerPool());
    }

    private static Found found(String idOrSlug, Optional<RenderedPost> post, long min) {
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
