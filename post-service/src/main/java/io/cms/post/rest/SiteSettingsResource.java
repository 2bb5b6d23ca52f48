package io.cms.post.rest;

import io.cms.common.auth.Callers;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ConditionalResponse;
import io.cms.post.site.SiteInput;
import io.cms.post.site.Sites;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The site's address, title, description, language, time zone and permalink pattern. */
@Path("/api/settings/site")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Site settings", description = "Used by every URL the CMS hands out: Content API, feeds, sitemap, webhook payloads")
@SecurityRequirement(name = "bearer")
public class SiteSettingsResource {

    /** The settings in force and which of them the API set ({@code set}; the others are configured). */
    public record SiteView(String url, String title, String description, String lang, String timezone, String permalink,
            java.util.List<String> set, long version, java.time.OffsetDateTime updatedAt) {

        static SiteView of(Sites.View v) {
            var s = v.settings();
            return new SiteView(s.url(), s.title(), s.description(), s.lang(), s.timezone(), s.permalink(), v.set(),
                    v.version(), v.updatedAt());
        }
    }

    private final Sites sites;
    private final Callers callers;

    SiteSettingsResource(Sites sites, Callers callers) {
        this.sites = sites;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "The site settings in force (staff)")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Sites.View v = sites.view(callers.of(authorization));
        String tag = String.valueOf(v.version());
        if (ConditionalResponse.matches(ifNoneMatch, "\"" + tag + "\"")) {
            return Response.notModified(new EntityTag(tag)).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
        }
        return Response.ok(SiteView.of(v)).tag(tag).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Change the site settings (admins)", description = "Absent fields stay; an empty string goes back to"
            + " the configured value (CMS_SITE_*). Every service's URLs follow within seconds.")
    public Response put(SiteInput input, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Sites.View v = sites.update(callers.of(authorization), input, Preconditions.expectedVersion(ifMatch));
        return Response.ok(SiteView.of(v)).tag(String.valueOf(v.version()))
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }
}
