package io.cms.post.rest;

import java.time.OffsetDateTime;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.ConditionalResponse;
import io.cms.post.importing.SiteExport;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole site as a zipped Jekyll folder: what {@code POST /api/import} reads back into the same site. */
@Path("/api/export")
@AdminOnly
@Blocking
@RateLimited(RateLimited.Policy.EXPENSIVE)
@Tag(name = "Import and export")
@SecurityRequirement(name = "bearer")
public class ExportResource {

    private final SiteExport export;

    ExportResource(SiteExport export) {
        this.export = export;
    }

    @GET
    @Produces("application/zip")
    @Operation(summary = "Every post (_posts/) and every library image they show (assets/media/), zipped (admins)",
            description = "Streamed. Importing it gives the same posts and images: import → export → import changes nothing."
                    + " With since, only the posts changed at or after it and their images: an increment to import over an"
                    + " earlier export (deletions are not in it).")
    public Response export(@QueryParam("since") @Parameter(description = "A date (2024-01-31, from its start in UTC) or an"
            + " ISO-8601 date-time: only posts changed at or after it") String since) {
        OffsetDateTime from = ListParams.instant("since", since, false);
        StreamingOutput body = out -> export.write(out, from);
        String name = from == null ? "site.zip" : "site-since-" + from.toLocalDate() + ".zip";
        return Response.ok(body, "application/zip").header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }
}
