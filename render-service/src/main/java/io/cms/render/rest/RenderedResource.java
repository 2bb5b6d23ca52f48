package io.cms.render.rest;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import io.cms.common.cache.Representation;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.PublishedRead;
import io.cms.common.rest.ClientAddress;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ReadYourWrites;
import io.cms.render.service.RenderStore;
import io.cms.render.service.RenderWaiters;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Rendered posts for frontends. {@code ?minVersion=N} waits (up to {@code wait}, at most 10 s) for
 * version N, so a frontend that just saved N can show its HTML without polling. A wait holds no
 * thread: the request returns its worker at once and is answered when the version is there. Views
 * are served from memory ({@link RenderedViews}); {@code ETag} is taken from the bytes served.
 */
@Path("/api/rendered")
@RateLimited(RateLimited.Policy.READ)
@PublishedRead
public class RenderedResource {

    /** Published content: what every published read of this service sends (renders, Ghost API, feeds, sitemap). */
    public static final String CACHE = "public, max-age=60, stale-while-revalidate=300";
    private static final Executor WORKERS = runnable -> Infrastructure.getDefaultWorkerPool().execute(runnable);

    private final RenderedViews views;
    private final RenderStore store;
    private final RenderWaiters waiters;
    private final ClientAddress clients;

    RenderedResource(RenderedViews views, RenderStore store, RenderWaiters waiters, ClientAddress clients) {
        this.views = views;
        this.store = store;
        this.waiters = waiters;
        this.clients = clients;
    }

    @GET
    @Path("{idOrSlug}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The render; ETag, 304 on If-None-Match, gzip",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RenderedResponse.class)))
    public CompletionStage<Response> json(@PathParam("idOrSlug") String idOrSlug, @QueryParam("minVersion") String minVersion,
            @QueryParam("wait") String wait, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding, @Context HttpServerRequest request) {
        return find(idOrSlug, minVersion, wait, request)
                .thenApply(found -> respond(found, found.view().json(), ifNoneMatch, acceptEncoding));
    }

    @GET
    @Path("{idOrSlug}/html")
    @Produces(MediaType.TEXT_HTML)
    public CompletionStage<Response> html(@PathParam("idOrSlug") String idOrSlug, @QueryParam("minVersion") String minVersion,
            @QueryParam("wait") String wait, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding, @Context HttpServerRequest request) {
        return find(idOrSlug, minVersion, wait, request)
                .thenApply(found -> respond(found, found.view().html(), ifNoneMatch, acceptEncoding));
    }

    /** A view, and whether it is older than the version the caller asked for. */
    private record Found(RenderedView view, boolean stale) {
    }

    /**
     * Runs on the event loop: a cached view new enough is answered there at once. Anything that reads
     * the database (a miss, a read-your-writes probe, what follows a wait) runs on a worker thread.
     */
    private CompletionStage<Found> find(String idOrSlug, String minVersion, String wait, HttpServerRequest request) {
        long min = ReadYourWrites.minVersion(minVersion);
        long waitMillis = ReadYourWrites.waitMillis(wait);
        Optional<RenderedView> hit = views.cached(idOrSlug);
        if (hit.isPresent() && hit.get().version() >= min) {
            return CompletableFuture.completedFuture(new Found(hit.get(), false));
        }
        if (min == 0) {
            return CompletableFuture.supplyAsync(() -> found(idOrSlug, views.load(idOrSlug), 0), WORKERS);
        }
        // A waiting request probes the version first: a small query, where the row holds all the HTML.
        // ...Async: a stage that completed before the next one was attached would run it on this thread.
        return CompletableFuture.supplyAsync(() -> store.visibleVersion(idOrSlug) >= min, WORKERS).thenComposeAsync(ready -> ready
                ? CompletableFuture.completedFuture(found(idOrSlug, views.load(idOrSlug), min))
                : waiters.await(idOrSlug, clients.of(request), min, waitMillis).thenApplyAsync(
                        handed -> found(idOrSlug, handed.isPresent() ? Optional.of(views.handed(idOrSlug, handed.get()))
                                : views.load(idOrSlug), min), WORKERS), WORKERS);
    }

    private static Found found(String idOrSlug, Optional<RenderedView> view, long min) {
        if (view.isEmpty()) {
            throw ProblemException.notFound("No rendered post " + idOrSlug
                    + (min > 0 ? " at version " + min + " or newer yet" : ""));
        }
        return new Found(view.get(), view.get().version() < min);
    }

    private static Response respond(Found found, Representation body, String ifNoneMatch, String acceptEncoding) {
        Response.ResponseBuilder r = ConditionalResponse.of(body, ifNoneMatch, acceptEncoding,
                found.stale() ? "no-store" : CACHE);
        if (found.stale()) {
            r.header(ReadYourWrites.STALE_HEADER, "true");
        }
        return r.build();
    }
}
