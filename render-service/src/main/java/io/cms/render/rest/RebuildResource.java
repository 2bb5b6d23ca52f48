package io.cms.render.rest;

import io.cms.common.rest.AdminAuth;
import io.cms.render.service.Rebuild;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admin: rebuild every render from {@code cms.posts} (202, then poll the status). */
@Path("/api/admin/rerender")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    private final Rebuild rebuild;
    private final AdminAuth auth;

    RebuildResource(Rebuild rebuild, AdminAuth auth) {
        this.rebuild = rebuild;
        this.auth = auth;
    }

    @POST
    public Response start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.requireAdmin(authorization);
        return Response.accepted(rebuild.start()).header(HttpHeaders.LOCATION, "/api/admin/rerender").build();
    }

    @GET
    public io.cms.common.messaging.RebuildJob.Status status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.requireAdmin(authorization);
        return rebuild.status();
    }
}
