package io.cms.post.rest;

import java.net.URI;

import io.cms.common.auth.Callers;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ConditionalResponse;
import io.cms.post.taxonomy.Term;
import io.cms.post.taxonomy.TermInput;
import io.cms.post.taxonomy.TermKind;
import io.cms.post.taxonomy.Terms;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/tags} and {@code /api/authors}: the same operations on either kind. Staff read (with
 * counts of published posts); editors and above write. Reads are private and conditional (the ETag
 * is a digest of the answer, counts included).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class TermResource {

    /** The body of a merge: the term that takes the posts. */
    public record Merge(String into) {
    }

    private final TermKind kind;
    private final Terms terms;
    private final Callers callers;

    TermResource(TermKind kind, Terms terms, Callers callers) {
        this.kind = kind;
        this.terms = terms;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "List, in slug order, with each one's count of published posts (page, limit ≤ 100)")
    public Response list(@QueryParam("page") String page, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        int p = ListParams.page(page);
        int l = ListParams.limit(limit);
        ListParams.requireWithinWindow(p, l);
        var items = terms.list(kind, callers.of(authorization), p, l).stream().map(TermView::of).toList();
        return privately(new TermView.Page(items, terms.count(kind), p, l));
    }

    @GET
    @Path("{idOrSlug}")
    @Operation(summary = "One, by id or slug, with its count of published posts")
    public Response get(@PathParam("idOrSlug") String idOrSlug, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return privately(TermView.of(terms.get(kind, callers.of(authorization), idOrSlug)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Create (editors and above); the slug is the name's")
    public Response create(TermInput input, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Term t = terms.create(kind, callers.of(authorization), input);
        return Response.created(URI.create("/api/" + kind.plural() + "/" + t.id)).entity(TermView.of(t, 0L))
                .tag(String.valueOf(t.version)).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @PUT
    @Path("{idOrSlug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Change (absent fields stay, empty ones clear)", description = "A new name is given to every post"
            + " that names it, each post a new version with its event; a name whose slug is another's is refused (merge).")
    public Response update(@PathParam("idOrSlug") String idOrSlug, TermInput input,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Term t = terms.update(kind, callers.of(authorization), idOrSlug, input, Preconditions.expectedVersion(ifMatch));
        return Response.ok(TermView.of(t, null)).tag(String.valueOf(t.version))
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @POST
    @Path("{idOrSlug}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Merge into another ({\"into\": id or slug})", description = "Every post that names this one names"
            + " the other instead; this one is deleted. Answers the one that remains.")
    public Response merge(@PathParam("idOrSlug") String idOrSlug, Merge body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Term t = terms.merge(kind, callers.of(authorization), idOrSlug, body == null ? null : body.into());
        return Response.ok(TermView.of(t, null)).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @DELETE
    @Path("{idOrSlug}")
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Delete, and take it off every post that names it")
    public Response delete(@PathParam("idOrSlug") String idOrSlug, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        terms.delete(kind, callers.of(authorization), idOrSlug, Preconditions.expectedVersion(ifMatch));
        return Response.noContent().build();
    }

    /** Staff only, so never in a shared cache; tagged by its bytes, 304 on a match ({@code ConditionalReads}). */
    private static Response privately(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE)
                .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build();
    }
}
