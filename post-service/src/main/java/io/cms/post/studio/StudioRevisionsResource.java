package io.cms.post.studio;

import java.net.URI;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.common.auth.Caller;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.IdOrSlug;
import io.cms.post.Post;
import io.cms.post.PostRevision;
import io.cms.post.accounts.User;
import io.cms.post.service.PostRules;
import io.cms.post.service.Revisions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A post's versions in the studio: who changed what and when, any two compared line by line, and
 * {@code Restore}, which makes an old version's content the newest version (never rewriting history).
 */
@Path("/studio/editor/{id}/revisions")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.READ)
@Tag(name = "Studio")
public class StudioRevisionsResource {

    /** A version as a line of the list. */
    @TemplateData
    public record Row(long version, String change, String fields, String by, String at) {
    }

    private final Template list;
    private final Template diff;
    private final StudioPages pages;
    private final Revisions revisions;

    StudioRevisionsResource(@Location("studio/revisions.html") Template list, @Location("studio/diff.html") Template diff,
            StudioPages pages, Revisions revisions) {
        this.list = list;
        this.diff = diff;
        this.pages = pages;
        this.revisions = revisions;
    }

    @GET
    @Operation(summary = "The post's versions, newest first, with Compare and Restore")
    public Response list(@PathParam("id") String id) {
        Caller caller = pages.caller();
        Post post = StudioEditorResource.readable(caller, id);
        List<PostRevision> all = revisions.list(caller, post.id);
        Map<String, String> names = names(all);
        ZoneId z = pages.zone();
        List<Row> rows = all.stream().sorted((a, b) -> Long.compare(b.version, a.version))
                .map(r -> new Row(r.version, r.changeType, String.join(", ", r.changedFields), names.getOrDefault(r.changedBy, r.changedBy),
                        pages.time(r.changedAt)))
                .toList();
        return pages.page(Response.ok(), list.instance().data("post", PostRow.of(post)).data("rows", rows)
                .data("current", post.version).data("mayRestore", PostRules.mayEdit(caller, post))
                .data("from", Math.max(1, post.version - 1)).data("csrf", pages.csrf(caller)).data("zone", z.getId()), caller);
    }

    @GET
    @Path("diff")
    @Operation(summary = "Two versions compared (from, to): changed fields, and the Markdown line by line")
    public Response diff(@PathParam("id") String id, @QueryParam("from") long from, @QueryParam("to") long to) {
        Caller caller = pages.caller();
        Post post = StudioEditorResource.readable(caller, id);
        Revisions.Comparison c = revisions.compare(caller, post.id, from, to);
        return pages.page(Response.ok(), diff.instance().data("post", PostRow.of(post)).data("c", c), caller);
    }

    @POST
    @Path("{version}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Restore a version as the newest (form fields csrf, and seen: the version the page showed as current)")
    public Response restore(@PathParam("id") String id, @PathParam("version") long version, @FormParam("csrf") String csrf,
            @FormParam("seen") Long seen) {
        Caller caller = pages.form(csrf);
        Post post = StudioEditorResource.readable(caller, id);
        long before = post.version;
        boolean changed = revisions.restore(caller, post.id, version, seen).version != before;
        return Response.seeOther(URI.create("/studio/editor/" + post.id + (changed ? "?restored=" : "?same=") + version)).build();
    }

    /** Who each actor is, as people know them: a user's name, else the actor as recorded (admin, scheduler, import). */
    private static Map<String, String> names(List<PostRevision> all) {
        Map<String, String> names = new HashMap<>();
        List<UUID> ids = all.stream().map(r -> r.changedBy).filter(a -> a != null && a.startsWith("user:")).distinct()
                .map(a -> IdOrSlug.id(a.substring(5))).filter(java.util.Objects::nonNull).toList();
        if (!ids.isEmpty()) {
            List<User> users = User.list("id in ?1", ids);
            users.forEach(u -> names.put("user:" + u.id, u.name));
        }
        return names;
    }
}
