package io.cms.post.rest;

import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.ProblemException;
import io.cms.post.audit.AuditLog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The audit trail, newest first. Owners, admins and the admin token. */
@Path("/api/audit")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Sign-ins (failed ones too), sign-outs, and changes to users, roles and webhooks")
@SecurityRequirement(name = "bearer")
public class AuditResource {

    private static final int MAX_FILTER = 100;

    private final AuditLog audit;

    AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Who did what", description = "Filter by action (e.g. sign-in.failed) and actor (user:<id>, admin);"
            + " pages of at most 100.")
    public AuditLog.Page list(@QueryParam("action") String action, @QueryParam("actor") String actor,
            @QueryParam("page") String page, @QueryParam("limit") String limit) {
        int p = ListParams.page(page);
        int l = ListParams.limit(limit);
        ListParams.requireWithinWindow(p, l);
        return audit.page(filter("action", action), filter("actor", actor), p, l);
    }

    private static String filter(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FILTER) {
            throw ProblemException.invalid(field, "must have at most " + MAX_FILTER + " characters");
        }
        return value.strip();
    }
}
