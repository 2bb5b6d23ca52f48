package io.cms.post.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.auth.Caller;
import io.cms.common.auth.Callers;
import io.cms.common.cache.Representation;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.common.rest.PublishedRead;
import io.cms.common.rest.SignedIn;
import io.cms.post.Post;
import io.cms.post.PostStatus;
import io.cms.post.importing.PostExporter;
import io.cms.post.service.PostCursor;
import io.cms.post.service.PostInput;
import io.cms.post.service.PostQuery;
import io.cms.post.service.PostRules;
import io.cms.post.service.PostService;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The posts API: reads of published posts are public (or need a content key, CMS_CONTENT_READS);
 * writes need a session, an admin key or the admin token, and what each role may do is
 * {@link PostRules}'.
 */
@Path("/api/posts")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimited.Policy.READ)
public class PostResource {

    static final String PUBLIC_CACHE = "public, max-age=60, stale-while-revalidate=60";
    static final String PRIVATE_CACHE = ConditionalResponse.PRIVATE;

    private final PostService posts;
    private final PostQuery query;
    private final Callers callers;
    private final PublishedPosts published;
    private final ObjectMapper json;

    PostResource(PostService posts, PostQuery query, Callers callers, PublishedPosts published, ObjectMapper json) {
        this.posts = posts;
        this.query = query;
        this.callers = callers;
        this.published = published;
        this.json = json;
    }

    @POST
    @SignedIn
    @SecurityRequirement(name = "bearer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(PostInput input, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Post post = posts.create(input, callers.of(authorization));
        return Response.created(URI.create("/api/posts/" + post.id))
                .tag(unquoted(post)).header(HttpHeaders.CACHE_CONTROL, PRIVATE_CACHE)
                .entity(PostResponse.of(post)).build();
    }

    /**
     * Anonymous readers get published posts from memory ({@link PublishedPosts}); a reader with
     * credentials reads the database (read-your-writes on any replica; drafts for who may see them),
     * never cached.
     */
    @GET
    @PublishedRead
    @Path("{idOrSlug}")
    @APIResponse(responseCode = "200", description = "The post; ETag (its version), 304 on If-None-Match, gzip",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PostResponse.class)))
    public Response get(@PathParam("idOrSlug") String idOrSlug,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        if (authorization == null) {
            PublishedView view = published.find(idOrSlug)
                    .orElseThrow(() -> ProblemException.notFound("Post " + idOrSlug + " does not exist"));
            return ConditionalResponse.of(view.json(), ifNoneMatch, acceptEncoding, PUBLIC_CACHE)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build();
        }
        Post post = visible(idOrSlug, authorization);
        if (Preconditions.notModified(ifNoneMatch, post)) {
            return Response.notModified(unquoted(post)).header(HttpHeaders.CACHE_CONTROL, PRIVATE_CACHE)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build();
        }
        return Response.ok(PostResponse.of(post)).tag(unquoted(post)).header(HttpHeaders.CACHE_CONTROL, PRIVATE_CACHE)
                .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION).build();
    }

    @GET
    @PublishedRead
    public Response list(@QueryParam("tag") String tag, @QueryParam("category") String category,
            @QueryParam("author") String author, @QueryParam("status") String status,
            @QueryParam("lang") String lang, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("sort") String sort, @QueryParam("page") String page, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding, @Context UriInfo uri)
            throws JsonProcessingException {
        Caller caller = callers.of(authorization);
        boolean staff = caller.staff();
        PostStatus wanted = ListParams.status(status);
        if (!staff && wanted != null && wanted != PostStatus.PUBLISHED) {
            throw new ProblemException(caller.anonymous() ? Kind.UNAUTHORIZED : Kind.FORBIDDEN,
                    "Listing " + wanted.wireName() + " posts needs a session, an admin key or the admin token");
        }
        // Authors and contributors list the published posts and their own; editors and above all.
        UUID ownOnly = staff && !PostRules.seesAll(caller) ? UUID.fromString(caller.userId()) : null;
        PostQuery.Filter filter = new PostQuery.Filter(staff ? wanted : PostStatus.PUBLISHED, ListParams.text("tag", tag),
                ListParams.text("category", category), ListParams.text("author", author), ListParams.text("lang", lang),
                ListParams.instant("from", from, false), ListParams.instant("to", to, true), ownOnly);
        boolean credentials = !caller.anonymous(); // whatever credentials were sent, the answer is private
        int l = ListParams.limit(limit);
        PostCursor after = ListParams.cursor(cursor, page, sort);
        int p = ListParams.page(page);
        if (after == null) {
            ListParams.requireWithinWindow(p, l);
        }
        PostQuery.Result result = query.list(filter, ListParams.sortField(sort), ListParams.descending(sort), p, l, after);
        String next = result.next() == null ? null : nextLink(uri, result.next());
        PostPage body = new PostPage(result.items().stream().map(PostSummary::of).toList(), result.total(),
                after == null ? p : null, l, next);
        // Tagged by its bytes: a frontend polling a list gets 304 until a post in it changes.
        Representation answer = Representation.once(json.writeValueAsBytes(body), MediaType.APPLICATION_JSON,
                ConditionalResponse.acceptsGzip(acceptEncoding));
        Response.ResponseBuilder r = ConditionalResponse.of(answer, ifNoneMatch, acceptEncoding, credentials ? PRIVATE_CACHE : PUBLIC_CACHE)
                .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
        if (next != null) {
            r.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return r.build();
    }

    /** This request's path and query with {@code cursor} set and {@code page} and {@code sort} gone (the cursor holds the sort). */
    private static String nextLink(UriInfo uri, PostCursor next) {
        URI u = uri.getRequestUriBuilder().replaceQueryParam("page").replaceQueryParam("sort")
                .replaceQueryParam("cursor", next.encode()).build();
        return u.getRawPath() + "?" + u.getRawQuery();
    }

    @PUT
    @Path("{id}")
    @SignedIn
    @SecurityRequirement(name = "bearer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, PostInput input,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Post post = posts.update(uuid(id), input, Preconditions.expectedVersion(ifMatch), callers.of(authorization));
        return written(post);
    }

    @DELETE
    @Path("{id}")
    @SignedIn
    @SecurityRequirement(name = "bearer")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        posts.delete(uuid(id), Preconditions.expectedVersion(ifMatch), callers.of(authorization));
        return Response.noContent().build();
    }

    public record OwnerInput(String userId) {
    }

    @PUT
    @Path("{id}/owner")
    @SignedIn
    @SecurityRequirement(name = "bearer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand a post to a user, or claim it", description = "{userId} (null: no one). Editors and above:"
            + " any post, any user. Authors and contributors: claim a post no one owns whose author name is theirs (an"
            + " import's front matter); contributors drafts only. A new version, like any change; If-Match honoured.")
    public Response changeOwner(@PathParam("id") String id, OwnerInput input, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (input == null) {
            throw ProblemException.invalid("userId", "is required (null hands the post to no one)");
        }
        return written(posts.changeOwner(uuid(id), input.userId(), Preconditions.expectedVersion(ifMatch),
                callers.of(authorization)));
    }

    @POST
    @Path("{id}/publish")
    @SignedIn
    @SecurityRequirement(name = "bearer")
    public Response publish(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return written(posts.setStatus(uuid(id), PostStatus.PUBLISHED, callers.of(authorization)));
    }

    @POST
    @Path("{id}/unpublish")
    @SignedIn
    @SecurityRequirement(name = "bearer")
    public Response unpublish(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return written(posts.setStatus(uuid(id), PostStatus.DRAFT, callers.of(authorization)));
    }

    @GET
    @PublishedRead
    @Path("{id}/export")
    @Produces("text/markdown")
    public Response export(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Post post = visible(id, authorization);
        String file = PostExporter.fileName(post);
        return Response.ok(PostExporter.toMarkdown(post), "text/markdown; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + urlEncode(file))
                .header(HttpHeaders.CACHE_CONTROL, post.status == PostStatus.PUBLISHED ? PUBLIC_CACHE : PRIVATE_CACHE)
                .build();
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A published post for everyone; any other post for who may see it ({@link PostRules}; 404 otherwise: no leaks). */
    Post visible(String idOrSlug, String authorization) {
        Post post = posts.find(idOrSlug).orElseThrow(() -> ProblemException.notFound("Post " + idOrSlug + " does not exist"));
        if (!PostRules.mayRead(callers.of(authorization), post)) {
            throw ProblemException.notFound("Post " + idOrSlug + " does not exist");
        }
        return post;
    }

    static Response written(Post post) {
        return Response.ok(PostResponse.of(post)).tag(unquoted(post)).header(HttpHeaders.CACHE_CONTROL, PRIVATE_CACHE)
                .build();
    }

    private static String unquoted(Post post) {
        return Long.toString(post.version);
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Post " + id + " does not exist");
        }
    }
}
