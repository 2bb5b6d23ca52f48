package io.cms.render.ghost;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.common.auth.Caller;
import io.cms.common.auth.Callers;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.render.ghost.GhostContent.Found;
import io.cms.render.ghost.GhostContent.PostRow;
import io.cms.render.rest.RenderedResource;
import io.cms.render.site.Site;
import io.cms.render.terms.TermRow;
import io.cms.render.terms.TermStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
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
 * Ghost's Content API (v5) over the published renders, so Ghost's clients and the frontends built
 * on them work unchanged: {@code new GhostContentAPI({url, key, version: "v5.0"})}. Every request
 * needs a content key ({@code ?key=}, 26 hexadecimal characters), as Ghost's does.
 */
@Path("/ghost/api/content")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimited.Policy.READ)
@Blocking
@Tag(name = "Ghost Content API")
public class GhostContentResource {

    private static final Set<String> POST_INCLUDES = Set.of("tags", "authors");
    private static final Set<String> GROUP_INCLUDES = Set.of("count.posts");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GhostContent content;
    private final GhostViews views;
    private final Site site;
    private final Callers callers;
    private final TermStore termStore;

    GhostContentResource(GhostContent content, Site site, Callers callers, TermStore termStore) {
        this.termStore = termStore;
        this.content = content;
        this.views = new GhostViews(site);
        this.site = site;
        this.callers = callers;
    }

    @GET
    @Path("posts")
    @Operation(summary = "Browse posts (include, fields, formats, filter, limit, page, order)")
    public Response posts(@BeanParam GhostParams p) throws SQLException {
        return browsePosts(false, p);
    }

    @GET
    @Path("posts/{id}")
    @Operation(summary = "Read a post by id")
    public Response post(@PathParam("id") String id, @BeanParam GhostParams p) throws SQLException {
        return readPost(false, id, null, p);
    }

    @GET
    @Path("posts/slug/{slug}")
    @Operation(summary = "Read a post by slug")
    public Response postBySlug(@PathParam("slug") String slug, @BeanParam GhostParams p) throws SQLException {
        return readPost(false, null, slug, p);
    }

    @GET
    @Path("pages")
    @Operation(summary = "Browse pages (posts with layout: page)")
    public Response pages(@BeanParam GhostParams p) throws SQLException {
        return browsePosts(true, p);
    }

    @GET
    @Path("pages/{id}")
    @Operation(summary = "Read a page by id")
    public Response page(@PathParam("id") String id, @BeanParam GhostParams p) throws SQLException {
        return readPost(true, id, null, p);
    }

    @GET
    @Path("pages/slug/{slug}")
    @Operation(summary = "Read a page by slug")
    public Response pageBySlug(@PathParam("slug") String slug, @BeanParam GhostParams p) throws SQLException {
        return readPost(true, null, slug, p);
    }

    @GET
    @Path("tags")
    @Operation(summary = "Browse the tags of published posts (include=count.posts, filter, limit, page, order)")
    public Response tags(@BeanParam GhostParams p) throws SQLException {
        return browseGroups(GhostViews.Group.TAG, p);
    }

    @GET
    @Path("tags/{id}")
    @Operation(summary = "Read a tag by id")
    public Response tag(@PathParam("id") String id, @BeanParam GhostParams p) throws SQLException {
        return readGroup(GhostViews.Group.TAG, id, null, p);
    }

    @GET
    @Path("tags/slug/{slug}")
    @Operation(summary = "Read a tag by slug")
    public Response tagBySlug(@PathParam("slug") String slug, @BeanParam GhostParams p) throws SQLException {
        return readGroup(GhostViews.Group.TAG, null, slug, p);
    }

    @GET
    @Path("authors")
    @Operation(summary = "Browse the authors of published posts (include=count.posts, filter, limit, page, order)")
    public Response authors(@BeanParam GhostParams p) throws SQLException {
        return browseGroups(GhostViews.Group.AUTHOR, p);
    }

    @GET
    @Path("authors/{id}")
    @Operation(summary = "Read an author by id")
    public Response author(@PathParam("id") String id, @BeanParam GhostParams p) throws SQLException {
        return readGroup(GhostViews.Group.AUTHOR, id, null, p);
    }

    @GET
    @Path("authors/slug/{slug}")
    @Operation(summary = "Read an author by slug")
    public Response authorBySlug(@PathParam("slug") String slug, @BeanParam GhostParams p) throws SQLException {
        return readGroup(GhostViews.Group.AUTHOR, null, slug, p);
    }

    @GET
    @Path("settings")
    @Operation(summary = "The site's settings (title, description, language, time zone, address)")
    public Response settings(@BeanParam GhostParams p) {
        authorize(p);
        ObjectNode s = NODES.objectNode().put("title", site.title()).put("description", site.description().orElse(""))
                .putNull("logo").putNull("icon").putNull("accent_color").putNull("cover_image").putNull("facebook")
                .putNull("twitter").put("lang", site.lang()).put("timezone", site.timezone()).putNull("codeinjection_head")
                .putNull("codeinjection_foot");
        s.putArray("navigation");
        s.putArray("secondary_navigation");
        for (String k : new String[] {"meta_title", "meta_description", "og_image", "og_title", "og_description", "twitter_image",
                "twitter_title", "twitter_description"}) {
            s.putNull(k);
        }
        s.put("members_support_address", "noreply").put("url", site.links().site() + "/");
        ObjectNode body = NODES.objectNode();
        body.set("settings", s);
        body.putObject("meta");
        return ok(body);
    }

    private Response browsePosts(boolean pages, GhostParams p) throws SQLException {
        authorize(p);
        GhostQuery q = GhostQuery.of(p.limit, p.page, p.include, POST_INCLUDES, p.fields, GhostViews.POST_KEYS, p.formats);
        Found<PostRow> found = content.posts(pages, where(p.filter, GhostContent.POST_FIELDS),
                GhostQuery.order(p.order, GhostContent.POST_ORDER, "published_at desc", "id"), q.limit(), q.page());
        GhostViews.TermFields terms = terms(found.items(), q);
        return browse(pages ? "pages" : "posts", found, q, row -> views.post(row, q, terms));
    }

    private Response readPost(boolean pages, String id, String slug, GhostParams p) throws SQLException {
        authorize(p);
        GhostQuery q = GhostQuery.of(null, null, p.include, POST_INCLUDES, p.fields, GhostViews.POST_KEYS, p.formats);
        String what = pages ? "pages" : "posts";
        UUID uuid = id == null ? null : uuid(id, what);
        PostRow row = content.post(pages, uuid, slug).orElseThrow(() -> GhostException.notFound(what));
        return one(what, views.post(row, q, terms(List.of(row), q)));
    }

    private Response browseGroups(GhostViews.Group kind, GhostParams p) throws SQLException {
        authorize(p);
        GhostQuery q = GhostQuery.of(p.limit, p.page, p.include, GROUP_INCLUDES, p.fields, kind.keys(), null);
        Found<GhostContent.Group> found = content.groups(kind, where(p.filter, GhostContent.GROUP_FIELDS),
                GhostQuery.order(p.order, GhostContent.GROUP_ORDER, "name asc", "slug"), q.limit(), q.page());
        Map<String, TermRow> own = termStore.bySlugs(kind.path(), found.items().stream().map(GhostContent.Group::slug).toList());
        return browse(kind.plural(), found, q, g -> views.group(kind, g, q, own.get(g.slug())));
    }

    private Response readGroup(GhostViews.Group kind, String id, String slug, GhostParams p) throws SQLException {
        authorize(p);
        GhostQuery q = GhostQuery.of(null, null, p.include, GROUP_INCLUDES, p.fields, kind.keys(), null);
        // By id: the entity's slug; a term render-service has no entity of has the id its slug gives.
        String bySlug = slug;
        if (slug == null) {
            UUID uuid = uuid(id, kind.plural());
            bySlug = termStore.byId(kind.path(), uuid).map(TermRow::slug).orElse(null);
        }
        NqlSql.Where where = bySlug == null ? GhostContent.ALL : NqlSql.compile(GhostContent.equal("slug", bySlug),
                GhostContent.GROUP_FIELDS);
        Found<GhostContent.Group> found = content.groups(kind, where, "slug", bySlug == null ? GhostContent.MAX_GROUPS : 1, 1);
        boolean named = bySlug != null;
        GhostContent.Group g = found.items().stream().filter(x -> named || GhostViews.id(kind, x.slug()).equals(id))
                .findFirst().orElseThrow(() -> GhostException.notFound(kind.plural()));
        TermRow own = termStore.bySlugs(kind.path(), List.of(g.slug())).get(g.slug());
        if (!named && own != null) {
            throw GhostException.notFound(kind.plural()); // its entity has another id
        }
        return one(kind.plural(), views.group(kind, g, q, own));
    }

    /** The own fields of the tags and authors these posts name, when they are included. */
    private GhostViews.TermFields terms(List<PostRow> posts, GhostQuery q) throws SQLException {
        boolean tags = q.include().contains("tags");
        boolean authors = q.include().contains("authors");
        if (!tags && !authors) {
            return GhostViews.TermFields.NONE;
        }
        Set<String> tagSlugs = new HashSet<>();
        Set<String> authorSlugs = new HashSet<>();
        for (PostRow p : posts) {
            p.tags().forEach(t -> tagSlugs.add(t.path("slug").asText()));
            if (p.authorSlug() != null) {
                authorSlugs.add(p.authorSlug());
            }
        }
        return new GhostViews.TermFields(tags ? termStore.bySlugs("tag", tagSlugs) : Map.of(),
                authors ? termStore.bySlugs("author", authorSlugs) : Map.of());
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw GhostException.notFound(what);
        }
    }

    private static NqlSql.Where where(String filter, Map<String, NqlSql.Field> fields) {
        return filter == null || filter.isBlank() ? GhostContent.ALL : NqlSql.compile(Nql.parse(filter), fields);
    }

    /** A content key (or a session or admin token: a Ghost client has a key, the CMS's own tools have those). */
    private void authorize(GhostParams p) {
        Caller caller;
        try {
            caller = p.key != null && !p.key.isBlank() ? callers.ofKeyParameter(p.key)
                    : p.authorization != null ? callers.of(p.authorization) : Caller.ANONYMOUS;
        } catch (ProblemException e) {
            throw GhostException.unauthorized("Unknown Content API Key");
        }
        if (caller.anonymous()) {
            throw GhostException.unauthorized("Please provide a Content API key (?key=…)");
        }
    }

    private static <T> Response browse(String what, Found<T> found, GhostQuery q, Function<T, ObjectNode> view) {
        ObjectNode body = NODES.objectNode();
        ArrayNode items = body.putArray(what);
        found.items().forEach(item -> items.add(view.apply(item)));
        long pages = Math.max(1, (found.total() + q.limit() - 1) / q.limit());
        ObjectNode pagination = body.putObject("meta").putObject("pagination").put("page", q.page()).put("limit", q.limit())
                .put("pages", pages).put("total", found.total());
        if (q.page() < pages) {
            pagination.put("next", q.page() + 1);
        } else {
            pagination.putNull("next");
        }
        if (q.page() > 1) {
            pagination.put("prev", q.page() - 1);
        } else {
            pagination.putNull("prev");
        }
        return ok(body);
    }

    private static Response one(String what, ObjectNode item) {
        ObjectNode body = NODES.objectNode();
        body.putArray(what).add(item);
        return ok(body);
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, RenderedResource.CACHE).build();
    }
}
