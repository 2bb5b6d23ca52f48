package io.cms.post.studio;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.common.auth.Caller;
import io.cms.common.rest.IdOrSlug;
import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.post.Post;
import io.cms.post.preview.PreviewLinks;
import io.cms.post.service.PostRules;
import io.cms.post.service.PostService;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BeanParam;
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
 * The studio's editor: a post's title, slug, tags, excerpt and Markdown, saved as a draft, published
 * or unpublished through the same service and rules as the API. A save names the version it was
 * made from; when someone saved meanwhile the writer's text comes back with a warning and nothing
 * is overwritten. Fields the editor does not show (author, categories, front matter, …) are kept.
 */
@Path("/studio/editor")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Studio")
public class StudioEditorResource {

    private final Template editor;
    private final StudioPages pages;
    private final PostService posts;
    private final LivePreview preview;
    private final PreviewLinks links;

    StudioEditorResource(@Location("studio/editor.html") Template editor, StudioPages pages, PostService posts,
            LivePreview preview, PreviewLinks links) {
        this.links = links;
        this.editor = editor;
        this.pages = pages;
        this.posts = posts;
        this.preview = preview;
    }

    /** What the editor page shows besides the form: a note, errors, a preview, a link just made. */
    record Extras(String note, List<String> errors, LivePreview.Shown live, String link) {

        static final Extras NONE = new Extras(null, List.of(), LivePreview.Shown.NOTHING, null);

        static Extras note(String note) {
            return new Extras(note, List.of(), LivePreview.Shown.NOTHING, null);
        }
    }

    @GET
    @Operation(summary = "The editor for a new post")
    public Response newPost() {
        return show(Response.ok(), pages.caller(), null, EditorForm.empty(), 0, Extras.NONE);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The editor for a post (saved, restored, same: which note to show)")
    public Response edit(@PathParam("id") String id, @QueryParam("saved") String saved, @QueryParam("restored") Long restored,
            @QueryParam("same") Long same) {
        Caller caller = pages.caller();
        Post post = readable(caller, id);
        StudioMessages msg = pages.messages();
        String note = saved != null ? msg.saved() : restored != null ? msg.restoredFrom(restored)
                : same != null ? msg.sameAsRestored(same) : null;
        return show(Response.ok(), caller, post, EditorForm.of(post, pages.zone()), post.version, Extras.note(note));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Create the post from the editor's form")
    public Response create(@FormParam("csrf") String csrf, @FormParam("action") String action, @BeanParam EditorForm form) {
        Caller caller = pages.form(csrf);
        if ("preview".equals(action)) {
            return show(Response.ok(), caller, null, form, 0, previewOf(form));
        }
        try {
            Post post = posts.create(form.input(null, action, pages.zone()), caller);
            return Response.seeOther(URI.create("/studio/editor/" + post.id + "?saved=1")).build();
        } catch (ProblemException | ConstraintViolationException e) {
            return refused(e, caller, null, form, 0);
        }
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Save, publish or unpublish from the editor's form (version: the one the text was made from)")
    public Response save(@PathParam("id") String id, @FormParam("csrf") String csrf, @FormParam("version") long version,
            @FormParam("action") String action, @BeanParam EditorForm form) {
        Caller caller = pages.form(csrf);
        Post post = readable(caller, id);
        if ("preview".equals(action)) {
            return show(Response.ok(), caller, post, form, version, previewOf(form));
        }
        try {
            posts.update(post.id, form.input(post, action, pages.zone()), version, caller);
            return Response.seeOther(URI.create("/studio/editor/" + post.id + "?saved=1")).build();
        } catch (ProblemException | ConstraintViolationException e) {
            return refused(e, caller, post, form, version);
        }
    }

    @POST
    @Path("{id}/preview-link")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Make a preview link of the post (7 days) and show it on the editor page")
    public Response previewLink(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        Caller caller = pages.form(csrf);
        Post post = readable(caller, id);
        String url = links.create(caller, post.id.toString(), null).url();
        return show(Response.ok(), caller, post, EditorForm.of(post, pages.zone()), post.version,
                new Extras(null, List.of(), LivePreview.Shown.NOTHING, url));
    }

    private Extras previewOf(EditorForm form) {
        return new Extras(null, List.of(), preview.shown(form.title, form.markdown, form.excerpt), null);
    }

    private Response refused(RuntimeException e, Caller caller, Post post, EditorForm form, long version) {
        StudioMessages msg = pages.messages();
        List<String> errors = new ArrayList<>();
        int status = 400;
        if (e instanceof ProblemException p) {
            status = p.status();
            if (p.kind() == ProblemException.Kind.PRECONDITION_FAILED) {
                errors.add(msg.conflict());
            } else if (p.errors().isEmpty()) {
                errors.add(p.getMessage());
            } else {
                for (Problem.FieldError fe : p.errors()) {
                    errors.add(fe.field() + ": " + fe.message());
                }
            }
        } else if (e instanceof ConstraintViolationException c) {
            Map<String, String> byField = new LinkedHashMap<>();
            c.getConstraintViolations().forEach(v -> byField.put(String.valueOf(v.getPropertyPath()).replaceFirst("^.*?\\.", ""),
                    v.getMessage()));
            byField.forEach((field, message) -> errors.add(field + ": " + message));
        }
        Response.ResponseBuilder r = Response.status(status);
        if (status == 412 && post != null) {
            // What the others changed since the writer's version: the revisions' diff, one click away.
            Post now = Post.findById(post.id);
            return show(r, caller, post, form, version, new Extras(null, errors, LivePreview.Shown.NOTHING, null),
                    "/studio/editor/" + post.id + "/revisions/diff?from=" + version + "&to=" + now.version);
        }
        return show(r, caller, post, form, version, new Extras(null, errors, LivePreview.Shown.NOTHING, null));
    }

    private Response show(Response.ResponseBuilder r, Caller caller, Post post, EditorForm form, long version, Extras extras) {
        return show(r, caller, post, form, version, extras, null);
    }

    /** {@code compare}: where the writer sees what changed since their version (after a refused stale save). */
    private Response show(Response.ResponseBuilder r, Caller caller, Post post, EditorForm form, long version, Extras extras,
            String compare) {
        TemplateInstance t = editor.instance().data("live", extras.live()).data("link", extras.link()).data("compare", compare)
                .data("post", post == null ? null : PostRow.of(post)).data("form", form)
                .data("version", version).data("note", extras.note()).data("errors", extras.errors())
                .data("action", post == null ? "/studio/editor" : "/studio/editor/" + post.id)
                .data("published", post != null && "published".equals(post.status.wireName())).data("csrf", pages.csrf(caller))
                .data("mayEdit", post == null ? caller.staff() : PostRules.mayEdit(caller, post))
                .data("mayPublish", PostRules.mayPublish(caller))
                .data("publishAt", form.publishAt == null ? "" : form.publishAt).data("zone", pages.zone().getId());
        return pages.page(r, t, caller);
    }

    static Post readable(Caller caller, String id) {
        UUID uuid = IdOrSlug.id(id);
        Post post = uuid == null ? null : Post.findById(uuid);
        if (post == null || !PostRules.mayRead(caller, post)) {
            throw ProblemException.notFound("Post " + id + " does not exist");
        }
        return post;
    }
}
