package io.cms.common.rest;

import io.cms.common.messaging.RebuildJob;
import io.cms.common.messaging.Rebuildable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The admin endpoint of a rebuild, the same in every service: {@code POST} starts it (202, with the
 * status and a {@code Location} to follow), {@code GET} shows how far it is. A service names the
 * path ({@code @Path} on its subclass) and the rebuild; nothing else.
 */
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public abstract class RebuildEndpoint {

    private final Rebuildable rebuild;
    private final AdminAuth auth;

    protected RebuildEndpoint(Rebuildable rebuild, AdminAuth auth) {
        this.rebuild = rebuild;
        this.auth = auth;
    }

    @POST
    public Response start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        auth.requireAdmin(authorization);
        return Response.accepted(rebuild.start()).header(HttpHeaders.LOCATION, uri.getRequestUri().getRawPath()).build();
    }

    @GET
    public RebuildJob.Status status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.requireAdmin(authorization);
        return rebuild.status();
    }
}
