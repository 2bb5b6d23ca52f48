package io.cms.post.rest;

import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.post.media.MediaVariants;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The library's files, for anyone (frontends, feed readers): addressed by content, so cached for a
 * year as immutable; a single byte range is served (206), as browsers and CDNs ask for; never sniffed
 * as anything but an image, and never a document that could run script.
 */
@Path("/media")
@Blocking
@RateLimited(RateLimited.Policy.READ)
@Tag(name = "Media")
public class MediaFileResource {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String POLICY = "default-src 'none'; sandbox";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final MediaVariants files;

    MediaFileResource(MediaVariants files) {
        this.files = files;
    }

    @GET
    @Path("{name}")
    @Operation(summary = "An image file, {sha256}-{width}.{jpg|png|gif} (ETag, If-None-Match, Range)")
    public Response file(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam("Range") String range) throws IOException, InterruptedException {
        // A file never changes: a revalidation needs only to know it is still served, not its bytes.
        if (ConditionalResponse.matches(ifNoneMatch, "\"" + name + "\"") && files.serves(name)) {
            return headers(Response.notModified(new EntityTag(name))).build();
        }
        MediaVariants.File f = files.file(name).orElseThrow(() -> ProblemException.notFound("No media file " + name));
        byte[] b = f.bytes();
        Matcher r = range == null ? null : RANGE.matcher(range.strip());
        if (r == null || !r.matches() || (r.group(1).isEmpty() && r.group(2).isEmpty())) {
            return headers(Response.ok(b, f.mime())).tag(name).build();
        }
        long first;
        long last;
        if (r.group(1).isEmpty()) { // the last n bytes
            long n = Long.parseLong(r.group(2));
            first = Math.max(0, b.length - n);
            last = b.length - 1;
        } else {
            first = Long.parseLong(r.group(1));
            last = r.group(2).isEmpty() ? b.length - 1 : Math.min(Long.parseLong(r.group(2)), b.length - 1);
        }
        if (first >= b.length || first > last) {
            return headers(Response.status(416)).header("Content-Range", "bytes */" + b.length).build();
        }
        return headers(Response.status(206).entity(Arrays.copyOfRange(b, (int) first, (int) last + 1)).type(f.mime())).tag(name)
                .header("Content-Range", "bytes " + first + "-" + last + "/" + b.length).build();
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder r) {
        return r.header(HttpHeaders.CACHE_CONTROL, IMMUTABLE).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", POLICY).header("Accept-Ranges", "bytes");
    }
}
