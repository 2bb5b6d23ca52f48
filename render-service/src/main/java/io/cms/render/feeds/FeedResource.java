package io.cms.render.feeds;

import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import com.rometools.rome.io.FeedException;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.PublishedRead;
import io.cms.render.rest.RenderedResource;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Feeds of the newest published posts: Atom ({@code feed.xml}), RSS 2.0 ({@code rss.xml}) and JSON
 * Feed 1.1 ({@code feed.json}), for the site, a tag and an author. Tagged and cached as the other
 * published reads, with {@code Last-Modified} (the newest entry's change) and 304 on
 * {@code If-Modified-Since} too, which is what feed readers send.
 */
@Path("/")
@RateLimited(RateLimited.Policy.READ)
@PublishedRead
@Blocking
@Tag(name = "Feeds")
public class FeedResource {

    /** RFC 9110's IMF-fixdate (two-digit day, GMT), which RFC_1123_DATE_TIME does not always write. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

    private final Feeds feeds;

    FeedResource(Feeds feeds) {
        this.feeds = feeds;
    }

    @GET
    @Path("{file: feed\\.xml|rss\\.xml|feed\\.json}")
    @Operation(summary = "The site's feed: feed.xml (Atom), rss.xml (RSS 2.0), feed.json (JSON Feed 1.1)")
    public Response site(@PathParam("file") String file, @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String since)
            throws SQLException, FeedException {
        return answer(format(file), Feeds.Scope.SITE, null, since);
    }

    @GET
    @Path("tag/{slug}/{file: feed\\.xml|rss\\.xml|feed\\.json}")
    @Operation(summary = "A tag's feed (by the tag's slug)")
    public Response tag(@PathParam("slug") String slug, @PathParam("file") String file,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String since) throws SQLException, FeedException {
        return answer(format(file), Feeds.Scope.TAG, slug, since);
    }

    @GET
    @Path("author/{slug}/{file: feed\\.xml|rss\\.xml|feed\\.json}")
    @Operation(summary = "An author's feed (by the author's slug)")
    public Response author(@PathParam("slug") String slug, @PathParam("file") String file,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String since) throws SQLException, FeedException {
        return answer(format(file), Feeds.Scope.AUTHOR, slug, since);
    }

    private Response answer(FeedFormat format, Feeds.Scope scope, String slug, String since) throws SQLException, FeedException {
        Feeds.Written feed = feeds.write(format, scope, slug);
        if (feed == null) {
            throw ProblemException.notFound("No published post has the " + scope.name().toLowerCase(java.util.Locale.ROOT) + " " + slug);
        }
        ZonedDateTime modified = feed.updated().atZoneSameInstant(ZoneOffset.UTC).withNano(0);
        String lastModified = HTTP_DATE.format(modified);
        if (notModifiedSince(since, modified)) {
            return Response.notModified().header(HttpHeaders.LAST_MODIFIED, lastModified)
                    .header(HttpHeaders.CACHE_CONTROL, RenderedResource.CACHE).build();
        }
        return Response.ok(feed.bytes(), format.mediaType() + "; charset=utf-8").header(HttpHeaders.LAST_MODIFIED, lastModified)
                .header(HttpHeaders.CACHE_CONTROL, RenderedResource.CACHE).build();
    }

    private static boolean notModifiedSince(String since, ZonedDateTime modified) {
        if (since == null || since.isBlank()) {
            return false;
        }
        try {
            return !modified.isAfter(ZonedDateTime.parse(since.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return false; // a date it cannot read is ignored, as RFC 9110 says
        }
    }

    private static FeedFormat format(String file) {
        for (FeedFormat f : FeedFormat.values()) {
            if (f.file().equals(file)) {
                return f;
            }
        }
        throw ProblemException.notFound("No feed " + file);
    }
}
