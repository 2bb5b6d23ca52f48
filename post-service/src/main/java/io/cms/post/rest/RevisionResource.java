package io.cms.post.rest;

import java.util.List;

import io.cms.common.auth.Callers;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.SignedIn;
import io.cms.post.PostRevision;
import io.cms.post.service.Revisions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A post's versions: listed, read, compared, and restored as a new version. */
@Path("/api/posts/{id}/revisions")
@Produces(MediaType.APPLICATION_JSON)
@SignedIn
@SecurityRequirement(name = "bearer")
@Tag(name = "Revisions", description = "Every committed version of a post, with who and when")
public class RevisionResource {

    private final Revisions revisions;
    private final Callers callers;

    RevisionResource(Revisions revisions, Callers callers) {
        this.revisions = revisions;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "Every version, oldest first: change type, changed fields, who, when",
            description = "Editors and above: any post's (a deleted one's too); others their own posts'.")
    public List<RevisionSummary> list(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return revisions.list(callers.of(authorization), PostResource.uuid(id)).stream().map(RevisionSummary::of).toList();
    }

    @GET
    @Path("{version}")
    @Operation(summary = "One version as committed (the shape of the post's change event)")
    public Response get(@PathParam("id") String id, @PathParam("version") long version,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        PostRevision r = revisions.get(callers.of(authorization), PostResource.uuid(id), version);
        // Tagged by its bytes (ConditionalReads): a version never changes.
        return Response.ok(r.snapshot, MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE)
                .build();
    }

    @GET
    @Path("diff")
    @Operation(summary = "Two versions compared: the fields that differ, and the Markdown's changed lines in hunks",
            description = "from, to: versions (both required). Each hunk says how many unchanged lines were left out"
                    + " before it; each line has its numbers before and after and its pieces, the changed characters"
                    + " marked. Past 20 000 differing lines the middle is shown replaced whole.")
    public Response diff(@PathParam("id") String id, @QueryParam("from") Long from, @QueryParam("to") Long to,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (from == null) {
            throw ProblemException.invalid("from", "is required: a version");
        }
        if (to == null) {
            throw ProblemException.invalid("to", "is required: a version");
        }
        return Response.ok(revisions.compare(callers.of(authorization), PostResource.uuid(id), from, to))
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @POST
    @Path("{version}/restore")
    @Operation(summary = "Restore a version's content as a new version",
            description = "Title, slug, Markdown, excerpt, author name, tags, categories, language, layout and front matter"
                    + " come back; status, publication time and owner stay. If-Match: the version the restorer saw (412 when"
                    + " the post changed since). The same rules as an edit: who may change the post may restore it.")
    public Response restore(@PathParam("id") String id, @PathParam("version") long version,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return PostResource.written(revisions.restore(callers.of(authorization), PostResource.uuid(id), version,
                Preconditions.expectedVersion(ifMatch)));
    }
}
