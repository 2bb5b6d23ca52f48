package io.cms.post.studio;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.cms.common.auth.Caller;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ClientAddress;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.SessionCookies;
import io.cms.post.Post;
import io.cms.post.PostStatus;
import io.cms.post.accounts.OidcCodeFlow;
import io.cms.post.accounts.Sessions;
import io.cms.post.service.PostQuery;
import io.cms.post.service.PostRules;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The studio: server-rendered pages for writers and editors, on the API's own origin so the session
 * cookie is theirs. Signed in with the same sessions as the API; every form that changes something
 * carries the session's CSRF token in a hidden field, checked here (the cookie filter leaves
 * {@code /studio/} to this check, since a form cannot send a header).
 */
@Path("/studio")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.READ)
@Tag(name = "Studio", description = "Server-rendered pages for staff (HTML)")
public class StudioResource {

    static final int PAGE_SIZE = 50;
    private final Template signIn;
    private final Template posts;
    private final Sessions sessions;
    private final StudioPages pages;
    private final SessionCookies cookies;
    private final PostQuery query;
    private final StudioSearch search;
    private final OidcCodeFlow oidc;
    private final CurrentVertxRequest current;
    private final ClientAddress clients = ClientAddress.fromConfig();

    StudioResource(@Location("studio/signIn.html") Template signIn, @Location("studio/posts.html") Template posts,
            Sessions sessions, StudioPages pages, SessionCookies cookies, PostQuery query, StudioSearch search, OidcCodeFlow oidc,
            CurrentVertxRequest current) {
        this.oidc = oidc;
        this.search = search;
        this.signIn = signIn;
        this.posts = posts;
        this.sessions = sessions;
        this.pages = pages;
        this.cookies = cookies;
        this.query = query;
        this.current = current;
    }

    @GET
    @Operation(summary = "The studio: its post list when signed in, else the sign-in page")
    public Response home() {
        return Response.seeOther(URI.create("/studio/posts")).build();
    }

    @GET
    @Path("studio.js")
    @Produces("text/javascript")
    @Operation(summary = "The studio's small script (the writer's time zone)")
    public Response script() throws java.io.IOException {
        try (var in = StudioResource.class.getResourceAsStream("/studio/studio.js")) {
            return Response.ok(in.readAllBytes()).type("text/javascript; charset=utf-8")
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
        }
    }

    @GET
    @Path("sign-in")
    @Operation(summary = "The sign-in page")
    public Response signInPage(@QueryParam("welcome") String welcome, @QueryParam("again") String again) {
        String note = welcome != null ? pages.messages().accountReady() : again != null ? pages.messages().signInAgain() : null;
        return pages.page(Response.ok(), signIn.instance().data("email", "").data("error", null)
                .data("note", note).data("oidc", oidc.enabled())
                .data("passwords", !oidc.enabled() || oidc.passwordsAllowed()), null);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Sign in from the form: the session goes in cookies, then the post list")
    public Response signIn(@FormParam("email") String email, @FormParam("password") String password) {
        Sessions.SignedIn s;
        try {
            s = sessions.signIn(email, password, clients.of(current.getCurrent().request()));
        } catch (ProblemException e) {
            int retryAfter = e.retryAfterSeconds() == null ? 0 : e.retryAfterSeconds();
            StudioMessages msg = pages.messages();
            String error = e.kind() == ProblemException.Kind.UNAUTHORIZED ? msg.wrongCredentials()
                    : retryAfter > 0 ? msg.tooMany(retryAfter) : e.getMessage();
            Response.ResponseBuilder r = Response.status(e.kind().status);
            if (retryAfter > 0) {
                r.header(HttpHeaders.RETRY_AFTER, retryAfter);
            }
            return pages.page(r, signIn.instance().data("email", email == null ? "" : email).data("error", error)
                    .data("oidc", oidc.enabled()), null);
        }
        Response.ResponseBuilder r = Response.seeOther(URI.create("/studio/posts"));
        cookies.open(r, s.token(), s.sessionId(), s.expiresAt());
        return r.header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign out from the form (hidden field csrf)")
    public Response signOut(@FormParam("csrf") String csrf) {
        Caller caller = pages.signedIn();
        if (caller != null) {
            pages.requireCsrf(caller, csrf);
            sessions.signOut(caller);
        }
        return SessionCookies.clear(Response.seeOther(URI.create("/studio/sign-in"))).build();
    }

    @GET
    @Path("posts")
    @Operation(summary = "Posts with their status, author, tags and last change; filter by status, tag, author; or search (q)")
    public Response postList(@QueryParam("q") String q, @QueryParam("status") String status, @QueryParam("tag") String tag,
            @QueryParam("author") String author, @QueryParam("page") String page,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller caller = pages.caller();
        PostStatus wanted = statusOf(status);
        int p = pageOf(page);
        UUID ownOnly = PostRules.seesAll(caller) ? null : UUID.fromString(caller.userId());
        String t = blankToNull(tag);
        String a = blankToNull(author);
        String text = q == null || q.isBlank() ? null : q.strip();
        List<Post> found;
        long total;
        String searchError = null;
        if (text != null) {
            // Searching: search-service finds, filters and ranks (with this writer's rights).
            StudioSearch.Found hits;
            try {
                hits = search.find(text, wanted == null ? null : wanted.wireName(), t, a, authorization, p, PAGE_SIZE);
            } catch (ProblemException e) {
                searchError = e.getMessage();
                hits = new StudioSearch.Found(List.of(), 0);
            }
            found = hits.posts().stream().filter(post -> PostRules.mayRead(caller, post)).toList();
            total = hits.total();
        } else {
            PostQuery.Result result = query.list(new PostQuery.Filter(wanted, t, null, a, null, null, null, ownOnly),
                    PostQuery.SortField.updatedAt, true, p, PAGE_SIZE, null);
            found = result.items();
            total = result.total();
        }
        TemplateInstance view = posts.instance().data("posts", found.stream().map(PostRow::of).toList())
                .data("total", total).data("q", text == null ? "" : text).data("searchError", searchError).data("status", wanted == null ? "" : wanted.wireName()).data("previousPage", p - 1)
                .data("nextPage", p + 1).data("hasNext", (long) p * PAGE_SIZE < total).data("hasPrevious", p > 1)
                .data("tag", t == null ? "" : t).data("author", a == null ? "" : a)
                .data("filterQuery", query("q", text) + query("status", wanted == null ? null : wanted.wireName()) + query("tag", t)
                        + query("author", a));
        return pages.page(Response.ok(), view, caller);
    }

    /** {@code name=value&} for a filter that is set; the pages' links keep the filters. */
    private static String query(String name, String value) {
        return value == null ? "" : name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8) + "&";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip().substring(0, Math.min(value.strip().length(), 100));
    }

    private static PostStatus statusOf(String value) {
        try {
            return value == null || value.isBlank() ? null : PostStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int pageOf(String value) {
        try {
            int p = value == null ? 1 : Integer.parseInt(value.strip());
            return Math.max(1, Math.min(p, 10_000 / PAGE_SIZE));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
