package io.cms.post.studio;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Role;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.post.media.Media;
import io.cms.post.media.MediaInput;
import io.cms.post.media.MediaLibrary;
import io.cms.post.media.MediaVariants;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.Blocking;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The media library in the studio, for every staff role as its API: upload images (several at
 * once), see them newest first with the Markdown that shows each, write their alt text, and delete
 * them (editors and above; refused while a published post shows one, as the API refuses).
 */
@Path("/studio/media")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.READ)
@Tag(name = "Studio")
public class StudioMediaResource {

    /** Images a page. */
    static final int PAGE = 24;

    /** An image as a tile: a small file to show, the Markdown to copy, its alt text. */
    @TemplateData
    public record Tile(String id, String thumb, String name, int width, int height, String alt, String markdown, String uploaded) {
    }

    /** What became of one uploaded file. */
    @TemplateData
    public record Outcome(String file, String result, boolean failed) {
    }

    private final Template page;
    private final StudioPages pages;
    private final MediaLibrary library;
    private final MediaVariants files;

    StudioMediaResource(@Location("studio/media.html") Template page, StudioPages pages, MediaLibrary library,
            MediaVariants files) {
        this.page = page;
        this.pages = pages;
        this.library = library;
        this.files = files;
    }

    @GET
    @Operation(summary = "The library, newest first, 24 a page; the upload form")
    public Response list(@QueryParam("page") String pageNumber, @QueryParam("note") String note) {
        Caller caller = pages.caller();
        String shown = "saved".equals(note) ? pages.messages().altSaved()
                : "deleted".equals(note) ? pages.messages().imageDeleted() : null;
        return show(Response.ok(), caller, StudioPages.pageNumber(pageNumber, PAGE), List.of(), shown, List.of());
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Upload images (multipart field files, one or more; field csrf): each is added or found already there")
    public Response upload(@RestForm("csrf") String csrf, @RestForm("files") List<FileUpload> uploads) {
        Caller caller = pages.caller();
        pages.requireCsrf(caller, csrf);
        StudioMessages words = pages.messages();
        List<Outcome> outcomes = new ArrayList<>();
        for (FileUpload f : StudioPages.chosen(uploads)) {
            String name = StudioPages.fileName(f);
            try {
                MediaLibrary.Uploaded u = library.upload(caller, name, f.uploadedFile());
                outcomes.add(new Outcome(name, u.created() ? words.imageAdded() : words.imageAlreadyThere(), false));
            } catch (ProblemException e) {
                if (e.kind() == ProblemException.Kind.FORBIDDEN || e.kind() == ProblemException.Kind.UNAVAILABLE) {
                    throw e;
                }
                outcomes.add(new Outcome(name, String.join("; ", StudioPages.describe(e)), true));
            }
        }
        if (outcomes.isEmpty()) {
            throw ProblemException.invalid("files", "choose one or more images");
        }
        return show(Response.ok(), caller, 1, outcomes, null, List.of());
    }

    @POST
    @Path("{id}/alt")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change an image's alt text (form fields csrf, alt, page)")
    public Response alt(@PathParam("id") String id, @FormParam("csrf") String csrf, @FormParam("alt") String alt,
            @FormParam("page") String pageNumber) {
        Caller caller = pages.form(csrf);
        int at = StudioPages.pageNumber(pageNumber, PAGE);
        try {
            library.update(caller, id, new MediaInput(alt == null ? "" : alt, null, null), null);
        } catch (ProblemException e) {
            if (e.kind() != ProblemException.Kind.VALIDATION) {
                throw e;
            }
            return show(Response.status(e.status()), caller, at, List.of(), null, StudioPages.describe(e));
        }
        return Response.seeOther(URI.create("/studio/media?note=saved&page=" + at + "#image-" + id)).build();
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Delete an image (editors and above; form fields csrf, page); refused while a published post shows it")
    public Response delete(@PathParam("id") String id, @FormParam("csrf") String csrf, @FormParam("page") String pageNumber) {
        Caller caller = pages.form(csrf);
        int at = StudioPages.pageNumber(pageNumber, PAGE);
        try {
            library.delete(caller, id, false);
        } catch (ProblemException e) {
            if (e.kind() != ProblemException.Kind.CONFLICT) {
                throw e;
            }
            return show(Response.status(e.status()), caller, at, List.of(), null, StudioPages.describe(e));
        }
        return Response.seeOther(URI.create("/studio/media?note=deleted&page=" + at)).build();
    }

    private Response show(Response.ResponseBuilder r, Caller caller, int at, List<Outcome> outcomes, String note, List<String> errors) {
        List<Tile> tiles = library.list(caller, null, null, at, PAGE).stream().map(this::tile).toList();
        long total = library.count(null, null);
        return pages.page(r, page.instance().data("tiles", tiles).data("outcomes", outcomes).data("note", note)
                .data("errors", errors).data("page", at).data("hasPrevious", at > 1).data("hasNext", (long) at * PAGE < total)
                .data("previousPage", at - 1).data("nextPage", at + 1)
                .data("mayDelete", caller.role().atLeast(Role.EDITOR)).data("csrf", pages.csrf(caller))
                .data("maxMb", library.maxBytes() / 1_000_000), caller);
    }

    private Tile tile(Media m) {
        String thumb = "/media/" + files.name(m, files.widths(m).get(0));
        String name = m.fileName == null ? m.sha256.substring(0, 12) : m.fileName;
        String alt = m.alt == null ? "" : m.alt;
        String markdown = "![" + alt.replace("]", "\\]") + "](" + files.reference(m) + ")";
        return new Tile(m.id.toString(), thumb, name, m.width, m.height, alt, markdown, pages.time(m.createdAt));
    }
}
