package io.cms.post.studio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.cms.common.auth.Caller;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.post.importing.ImportReport;
import io.cms.post.importing.ImportResult;
import io.cms.post.importing.ImportService;
import io.cms.post.importing.ZipImport;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Import from the studio: Markdown files or zips of a Jekyll {@code _posts} folder, uploaded in one
 * form, through the same importer as {@code POST /api/import}, answered with a report of every file.
 * For admins, as the API is.
 */
@Path("/studio/import")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Studio")
public class StudioImportResource {

    private final Template page;
    private final StudioPages pages;
    private final ImportService importer;
    private final ZipImport zips;

    StudioImportResource(@Location("studio/import.html") Template page, StudioPages pages, ImportService importer,
            ZipImport zips) {
        this.page = page;
        this.pages = pages;
        this.importer = importer;
        this.zips = zips;
    }

    @GET
    @RateLimited(RateLimited.Policy.READ)
    @Operation(summary = "The import form (admins)")
    public Response form() {
        return show(admin(pages.caller()), null);
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RateLimited(RateLimited.Policy.EXPENSIVE)
    @Operation(summary = "Import the uploaded files (multipart field files: .md or .zip; field csrf) and report on each")
    public Response upload(@RestForm("csrf") String csrf, @RestForm("files") List<FileUpload> files) throws IOException {
        Caller caller = admin(pages.caller());
        pages.requireCsrf(caller, csrf);
        List<ImportResult> results = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (FileUpload f : StudioPages.chosen(files)) {
            results.addAll(importOne(StudioPages.fileName(f), f, claimed));
        }
        if (results.isEmpty()) {
            throw ProblemException.invalid("files", "choose one or more .md files or .zip archives");
        }
        return show(caller, ImportReport.of(results));
    }

    private List<ImportResult> importOne(String name, FileUpload f, Set<String> claimed) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            try (InputStream in = Files.newInputStream(f.uploadedFile())) {
                return zips.importZip(in).files().stream().map(r -> within(name, r)).toList();
            } catch (ProblemException e) {
                return List.of(ImportResult.failed(name, "file", e.getMessage()));
            }
        }
        if (f.size() > zips.maxFileBytes()) {
            return List.of(ImportResult.failed(name, "file", "is larger than the limit of " + zips.maxFileBytes() + " bytes"));
        }
        return List.of(importer.importFile(name, Files.readAllBytes(f.uploadedFile()), claimed));
    }

    /** A zip entry's result, named as inside the zip the writer chose. */
    private static ImportResult within(String zip, ImportResult r) {
        return new ImportResult(zip + " › " + r.file(), r.outcome(), r.id(), r.slug(), r.version(), r.field(), r.error());
    }

    private static Caller admin(Caller caller) {
        return StudioPages.admin(caller, "Importing is for admins");
    }

    private Response show(Caller caller, ImportReport report) {
        return pages.page(Response.ok(), page.instance().data("report", report).data("csrf", pages.csrf(caller))
                .data("maxFile", zips.maxFileBytes() / 1_000_000), caller);
    }
}
