package io.cms.post.rest;

import java.net.URI;
import java.util.Locale;

import io.cms.common.auth.Callers;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.post.media.ImageKind;
import io.cms.post.media.Media;
import io.cms.post.media.MediaInput;
import io.cms.post.media.MediaLibrary;
import io.cms.post.media.MediaVariants;
import io.smallrye.common.annotation.Blocking;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The media library's API; the files themselves are served at {@code /media/} ({@link MediaFileResource}). */
@Path("/api/media")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media", description = "Images: upload (JPEG, PNG, GIF, WebP), alt text, focal point, responsive variants")
@SecurityRequirement(name = "bearer")
public class MediaResource {

    private final MediaLibrary library;
    private final MediaVariants files;
    private final Callers callers;

    MediaResource(MediaLibrary library, MediaVariants files, Callers callers) {
        this.library = library;
        this.files = files;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Upload an image (the body is the file; ?filename= names it)", description = "The type is told by the"
            + " bytes (JPEG, PNG, GIF, WebP; SVG refused), size and pixels are checked before decoding; the same bytes"
            + " uploaded again answer 200 with the image already there.")
    public Response upload(byte[] body, @QueryParam("filename") String fileName,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (fileName != null && fileName.length() > 255) {
            throw ProblemException.invalid("filename", "must be at most 255 characters");
        }
        return uploaded(library.upload(callers.of(authorization), fileName, body));
    }

    private Response uploaded(MediaLibrary.Uploaded u) {
        MediaView view = MediaView.of(u.media(), files);
        return (u.created() ? Response.created(URI.create("/api/media/" + u.media().id)) : Response.ok()).entity(view)
                .tag(String.valueOf(u.media().version)).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Upload an image as a form (multipart field file, e.g. curl -F file=@photo.jpg)", description = "As"
            + " the raw upload: the type told by the bytes, size and pixels checked before decoding, the same bytes kept once.")
    public Response uploadForm(@RestForm("file") FileUpload file, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (file == null) {
            throw ProblemException.invalid("file", "is required: a multipart field named file holding the image");
        }
        return uploaded(library.upload(callers.of(authorization), file.fileName(), file.uploadedFile()));
    }

    @GET
    @Operation(summary = "The library, newest first (type=jpeg|png|gif|webp, usedBy=a post's id or slug, page, limit ≤ 100)")
    public MediaView.Page list(@QueryParam("type") String type, @QueryParam("usedBy") String usedBy,
            @QueryParam("page") String page, @QueryParam("limit") String limit,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        int p = ListParams.page(page);
        int l = ListParams.limit(limit);
        ListParams.requireWithinWindow(p, l);
        ImageKind kind = kind(type);
        String post = usedBy == null || usedBy.isBlank() ? null : usedBy.strip();
        return new MediaView.Page(library.list(callers.of(authorization), kind, post, p, l).stream()
                .map(m -> MediaView.of(m, files)).toList(), library.count(kind, post), p, l);
    }

    @GET
    @Path("orphans")
    @Operation(summary = "Images no post shows (any status), oldest first, uploaded before olderThan ago (ISO-8601,"
            + " PT0S by default; at most 1 000)")
    public MediaView.Page orphans(@QueryParam("olderThan") String olderThan,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var items = library.orphans(callers.of(authorization), age(olderThan), 1000).stream().map(m -> MediaView.of(m, files))
                .toList();
        return new MediaView.Page(items, items.size(), 1, 1000);
    }

    @DELETE
    @Path("orphans")
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Delete the images no post shows, uploaded before olderThan ago (editors and above; P1D by default,"
            + " so an image uploaded for a post still being written stays)")
    public java.util.Map<String, Integer> deleteOrphans(@QueryParam("olderThan") String olderThan,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return java.util.Map.of("deleted", library.deleteOrphans(callers.of(authorization),
                olderThan == null ? java.time.Duration.ofDays(1) : age(olderThan)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One image, with its variants and the published posts that show it")
    public MediaView get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return MediaView.of(library.get(callers.of(authorization), id), files);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change alt text, caption, focal point (absent fields stay)")
    public Response update(@PathParam("id") String id, MediaInput input, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Media m = library.update(callers.of(authorization), id, input, Preconditions.expectedVersion(ifMatch));
        return Response.ok(MediaView.of(m, files)).tag(String.valueOf(m.version))
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete (editors and above); 409 while a published post shows it, unless ?force=true")
    public Response delete(@PathParam("id") String id, @QueryParam("force") boolean force,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        library.delete(callers.of(authorization), id, force);
        return Response.noContent().build();
    }

    private static java.time.Duration age(String value) {
        if (value == null || value.isBlank()) {
            return java.time.Duration.ZERO;
        }
        try {
            java.time.Duration d = java.time.Duration.parse(value.strip());
            if (d.isNegative()) {
                throw ProblemException.invalid("olderThan", "must not be negative");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid("olderThan", "must be an ISO-8601 duration such as P1D or PT1H");
        }
    }

    private static ImageKind kind(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String t = type.strip().toLowerCase(Locale.ROOT).replace("image/", "");
        for (ImageKind k : ImageKind.values()) {
            if (k.mime().equals("image/" + t) || (k == ImageKind.JPEG && t.equals("jpg"))) {
                return k;
            }
        }
        throw ProblemException.invalid("type", "must be one of jpeg, png, gif, webp");
    }
}
