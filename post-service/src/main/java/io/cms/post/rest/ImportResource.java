package io.cms.post.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.Problem.FieldError;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.post.importing.ImportReport;
import io.cms.post.importing.ImportResult;
import io.cms.post.importing.ImportService;
import io.cms.post.importing.ZipImport;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Jekyll/Hugo import: one Markdown file, or a zip of many, each created or updated by slug. */
@Path("/api/import")
@AdminOnly
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimited.Policy.EXPENSIVE)
@SecurityRequirement(name = "bearer")
public class ImportResource {

    private final ImportService importer;
    private final ZipImport zips;

    ImportResource(ImportService importer, ZipImport zips) {
        this.importer = importer;
        this.zips = zips;
    }

    /** One file: 201 or 200 with its report; a file that fails is a 400 problem naming it and the fault. */
    @POST
    @Consumes({"text/markdown", "text/x-markdown", MediaType.TEXT_PLAIN})
    public Response importMarkdown(InputStream body, @QueryParam("filename") String filename) throws IOException {
        byte[] bytes = ZipImport.read(body, zips.maxFileBytes() + 1);
        String name = filename == null || filename.isBlank() ? null : filename;
        if (bytes.length > zips.maxFileBytes()) {
            throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, (name == null ? "The file" : name)
                    + " is larger than the limit of " + zips.maxFileBytes() + " bytes");
        }
        ImportResult result = importer.importFile(name, bytes);
        if (result.isFailed()) {
            String field = result.field() == null ? "file" : result.field();
            throw new ProblemException(Kind.VALIDATION, result.file() + ": " + field + " " + result.error(),
                    List.of(new FieldError(field, result.error())));
        }
        int status = "created".equals(result.outcome()) ? 201 : 200;
        return Response.status(status).entity(ImportReport.of(List.of(result))).build();
    }

    /** A zip of posts: 200 with a report of every file, failed ones included. */
    @POST
    @Consumes({"application/zip", "application/x-zip-compressed"})
    public ImportReport importZip(InputStream body) {
        return zips.importZip(body);
    }
}
