package io.cms.render.feeds;

import java.sql.SQLException;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.PublishedRead;
import io.cms.render.rest.RenderedResource;
import io.smallrye.common.annotation.Blocking;
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
 * The sitemap (sitemaps.org 0.9) of every published post and page, and {@code robots.txt} pointing at
 * it. Past 50 000 addresses {@code sitemap.xml} is an index of {@code sitemap/N.xml} files of 50 000.
 */
@Path("/")
@RateLimited(RateLimited.Policy.READ)
@PublishedRead
@Blocking
@Tag(name = "Feeds")
public class SitemapResource {

    private final Sitemaps sitemaps;

    SitemapResource(Sitemaps sitemaps) {
        this.sitemaps = sitemaps;
    }

    @GET
    @Path("sitemap.xml")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "The sitemap, or past 50 000 addresses the index of its parts")
    public Response sitemap() throws SQLException {
        return xml(sitemaps.root());
    }

    @GET
    @Path("sitemap/{part: [0-9]{1,6}}.xml")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "One part of the sitemap (from 1), when it has an index")
    public Response part(@PathParam("part") int part) throws SQLException {
        String body = sitemaps.part(part);
        if (body == null) {
            throw ProblemException.notFound("The sitemap has no part " + part);
        }
        return xml(body);
    }

    @GET
    @Path("robots.txt")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "robots.txt: the API is not for crawling; the sitemap's address")
    public Response robots() {
        return Response.ok(sitemaps.robots()).header(HttpHeaders.CACHE_CONTROL, RenderedResource.CACHE).build();
    }

    private static Response xml(String body) {
        return Response.ok(body, MediaType.APPLICATION_XML + "; charset=utf-8").header(HttpHeaders.CACHE_CONTROL, RenderedResource.CACHE)
                .build();
    }
}
