package io.cms.search.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Callers;
import io.cms.common.auth.Role;
import io.cms.common.cache.Representation;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.PublishedRead;
import io.cms.common.rest.ClientAddress;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ReadYourWrites;
import io.cms.common.rest.ResultWindow;
import io.cms.common.rest.Timestamps;
import io.cms.search.service.IndexWaiters;
import io.cms.search.service.SearchRequest;
import io.cms.search.service.SearchResult;
import io.cms.search.service.SearchService;
import io.cms.search.service.UserQuery;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Full-text search over published posts; with {@code drafts=true}, staff find unpublished posts too. */
@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimited.Policy.READ)
@PublishedRead
public class SearchResource {

    static final int MAX_LIMIT = 100;
    /** What {@code status} may ask for (post-service's statuses). */
    static final List<String> STATUSES = List.of("draft", "scheduled", "published");

    /**
     * The search's own time, as {@code Server-Timing: search;dur=<ms>}: lets clients and benchmarks
     * tell the time spent searching from the time spent in transport, queues and the client.
     */
    public static final String SERVER_TIMING = "Server-Timing";

    /** Searches only published posts: shared caches may keep an answer briefly. */
    static final String CACHE = "public, max-age=10, stale-while-revalidate=30";
    private static final Executor WORKERS = runnable -> Infrastructure.getDefaultWorkerPool().execute(runnable);

    private final SearchService search;
    private final SearchResults results;
    private final IndexWaiters waiters;
    private final ClientAddress clients;
    private final Callers callers;

    SearchResource(SearchService search, SearchResults results, IndexWaiters waiters, ClientAddress clients, Callers callers) {
        this.search = search;
        this.results = results;
        this.waiters = waiters;
        this.clients = clients;
        this.callers = callers;
    }

    @GET
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @APIResponse(responseCode = "200", description = "Hits, total and facets; ETag, 304 on If-None-Match, gzip",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SearchResult.class)))
    public CompletionStage<Response> search(@QueryParam("q") String q, @QueryParam("tag") String tag,
            @QueryParam("category") String category, @QueryParam("author") String author,
            @QueryParam("lang") String lang, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("sort") String sort, @QueryParam("page") String page, @QueryParam("limit") String limit,
            @QueryParam("drafts") boolean drafts, @QueryParam("status") String status,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        boolean byDate;
        if (sort == null || sort.isBlank() || sort.equals("relevance")) {
            byDate = false;
        } else if (sort.equals("date")) {
            byDate = true;
        } else {
            throw ProblemException.invalid("sort", "must be relevance or date");
        }
        int p = number("page", page, 1, 1, Integer.MAX_VALUE);
        int l = number("limit", limit, 10, 1, MAX_LIMIT);
        ResultWindow.refusal(p, l, "Narrow the search (q, tag, from/to) instead of paging deeper.").ifPresent(message -> {
            throw new ProblemException(ProblemException.Kind.VALIDATION, "page: " + message, List.of(new Problem.FieldError("page",
                    message, (long) ResultWindow.MAX_RESULTS, ResultWindow.reach(p, l))));
        });
        long start = System.nanoTime();
        SearchRequest.Scope scope = drafts ? staffScope(callers.of(authorization)).withStatus(status(status))
                : SearchRequest.Scope.PUBLISHED;
        if (!drafts && blank(status) != null) {
            throw ProblemException.invalid("status", "needs drafts=true (published posts are all a public search finds)");
        }
        SearchRequest request = new SearchRequest(q, blank(tag), blank(category), blank(author), blank(lang),
                instant("from", from, false), instant("to", to, true), byDate, p, l, scope);
        // An answer the index state already has is sent from the event loop; a search runs on a worker.
        Optional<Representation> cached = results.cached(request);
        CompletionStage<Representation> answer = cached.isPresent() ? CompletableFuture.completedFuture(cached.get())
                : CompletableFuture.supplyAsync(() -> search(request), WORKERS);
        return answer.thenApply(a -> ConditionalResponse.of(a, ifNoneMatch, acceptEncoding, drafts ? ConditionalResponse.PRIVATE : CACHE)
                .header(SERVER_TIMING, String.format(Locale.ROOT, "search;dur=%.3f", (System.nanoTime() - start) / 1e6))
                .build());
    }

    /** One of the posts' statuses, or null for any. */
    private static String status(String value) {
        String s = blank(value);
        if (s != null && !STATUSES.contains(s)) {
            throw ProblemException.invalid("status", "must be one of " + String.join(", ", STATUSES));
        }
        return s;
    }

    /**
     * What a staff search may find besides published posts: editors and above (and admin keys, the
     * admin token) every post; authors and contributors their own.
     */
    private static SearchRequest.Scope staffScope(Caller caller) {
        if (caller.anonymous()) {
            throw new ProblemException(ProblemException.Kind.UNAUTHORIZED, "drafts: searching unpublished posts needs a staff session");
        }
        if (!caller.staff()) {
            throw new ProblemException(ProblemException.Kind.FORBIDDEN, "drafts: " + caller.describe() + " reads published content only");
        }
        if (caller.admin() || (caller.role() != null && caller.role().atLeast(Role.EDITOR))) {
            return SearchRequest.Scope.EVERY_POST;
        }
        return SearchRequest.Scope.publishedAndOwnedBy(caller.userId());
    }

    private Representation search(SearchRequest request) {
        try {
            return results.answer(request);
        } catch (UserQuery.Invalid e) {
            throw ProblemException.invalid("q", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Title completions for what a user has typed so far (Japanese input too). */
    @GET
    @Path("suggest")
    @APIResponse(responseCode = "200", description = "{suggestions: [title, ...]}, up to 10; ETag, 304 on If-None-Match",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response suggest(@QueryParam("q") String q) throws IOException {
        if (q != null && q.length() > UserQuery.MAX_LENGTH) {
            throw ProblemException.invalid("q", "is longer than " + UserQuery.MAX_LENGTH + " characters");
        }
        return Response.ok(Map.of("suggestions", search.suggest(q))).header(HttpHeaders.CACHE_CONTROL, CACHE).build();
    }

    /**
     * The version of a post that searches find. {@code ?minVersion=N} waits (up to {@code wait}, at
     * most 10 s) until version N is searchable, so a client that just saved N knows when, without
     * polling; an older answer after the wait carries {@code CMS-Stale: true}.
     */
    @GET
    @Path("posts/{id}")
    @Blocking
    public CompletionStage<Response> indexed(@PathParam("id") String id, @QueryParam("minVersion") String minVersion,
            @QueryParam("wait") String wait, @Context HttpServerRequest request) throws IOException {
        long min = ReadYourWrites.minVersion(minVersion);
        long waitMillis = ReadYourWrites.waitMillis(wait);
        if (min == 0) {
            return CompletableFuture.completedFuture(indexedAnswer(id, search.indexedVersion(id), min));
        }
        return waiters.await(id, clients.of(request), min, waitMillis).thenApply(v -> indexedAnswer(id, v, min));
    }

    private static Response indexedAnswer(String id, Optional<Long> version, long min) {
        if (version.isEmpty()) {
            throw ProblemException.notFound("Post " + id + " is not in the search index"
                    + (min > 0 ? " at version " + min + " or newer yet" : ""));
        }
        // A probe of the index's state: a cache may keep it, but must ask again (ETag, 304) each time.
        Response.ResponseBuilder r = Response.ok(Map.of("id", id, "version", version.get()))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (version.get() < min) {
            r.header(ReadYourWrites.STALE_HEADER, "true");
        }
        return r.build();
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v < min || v > max) {
                throw ProblemException.invalid(name, "must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number");
        }
    }

    private static OffsetDateTime instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1).atStartOfDay().minusNanos(1_000_000) : d.atStartOfDay()).atOffset(ZoneOffset.UTC);
            }
            return Timestamps.storable(name, OffsetDateTime.parse(value));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be a date (2024-01-31) or an ISO-8601 date-time");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
