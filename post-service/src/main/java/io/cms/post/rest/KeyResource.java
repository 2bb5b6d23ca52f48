package io.cms.post.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.cms.common.auth.ActiveKeys;
import io.cms.common.auth.Callers;
import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.ConditionalResponse;
import io.cms.common.rest.ProblemException;
import io.cms.post.accounts.ApiKeys;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys: content keys for frontends, admin keys for integrations. Owners and admins. */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Keys", description = "Content keys (read published content; also as ?key=) and admin keys")
@SecurityRequirement(name = "bearer")
public class KeyResource {

    private final ApiKeys keys;
    private final Callers callers;
    private final ActiveKeys active;

    KeyResource(ApiKeys keys, Callers callers, ActiveKeys active) {
        this.keys = keys;
        this.callers = callers;
        this.active = active;
    }

    public record KeyInput(String name, String kind) {
    }

    public record ActiveKey(String id, String hash, String kind) {
    }

    public record ActiveList(List<ActiveKey> keys) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a key", description = "kind content: 26 hexadecimal characters, reads published content"
            + " (Authorization: Bearer, or ?key=); kind admin: 64, acts as an admin (header only). The key is in this answer"
            + " only; the CMS keeps its hash.")
    public Response create(KeyInput input, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        KeyInput in = input == null ? new KeyInput(null, null) : input;
        ApiKeys.View v = keys.create(callers.of(authorization), in.name(), in.kind());
        return Response.created(URI.create("/api/keys/" + v.id())).entity(v)
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    @GET
    @Operation(summary = "The active keys: name, kind, when made, by whom, last used; never the key")
    public List<ApiKeys.View> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return keys.list(callers.of(authorization));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key", description = "Refused by every service within 5 s.")
    public Response revoke(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        keys.revoke(callers.of(authorization), id);
        return Response.noContent().build();
    }

    public record Uses(Map<String, Long> uses) {
    }

    /** What render- and search-service report (io.cms.common.auth.RevocationFeed): when keys were last used there. */
    @POST
    @Path("used")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "When keys were last used on another service (key id → epoch second; admin token)")
    public Map<String, Integer> used(Uses report) {
        Map<String, Long> uses = report == null || report.uses() == null ? Map.of() : report.uses();
        if (uses.size() > ApiKeys.MAX_KEYS) {
            throw ProblemException.invalid("uses", "may name at most " + ApiKeys.MAX_KEYS + " keys");
        }
        keys.recordUses(uses);
        return Map.of("recorded", uses.size());
    }

    /** What render- and search-service read every second (io.cms.common.auth.RevocationFeed): hashes, from memory. */
    @GET
    @Path("active")
    @AdminOnly
    @Operation(summary = "The active keys' hashes, for the other services (admins and the admin token)")
    public ActiveList active() {
        return new ActiveList(active.snapshot().entrySet().stream()
                .map(e -> new ActiveKey(e.getValue().id(), e.getKey(), e.getValue().admin() ? "admin" : "content")).toList());
    }
}
