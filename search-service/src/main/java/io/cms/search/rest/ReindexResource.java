package io.cms.search.rest;

import io.cms.common.rest.AdminAuth;
import io.cms.search.service.Reindexer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Admin: rebuild the index from {@code cms.posts} aside and swap it in (202, then poll the status). */
@Path("/api/admin/reindex")
@Produces(MediaType.APPLICATION_JSON)
public class ReindexResource {

    private final Reindexer reindexer;
    private final AdminAuth auth;

    ReindexResource(Reindexer reindexer, AdminAuth auth) {
        this.reindexer = reindexer;
        this.auth = auth;
    }

    @POST
    public Response start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.requireAdmin(authorization);
        return Response.accepted(reindexer.start()).header(HttpHeaders.LOCATION, "/api/admin/reindex").build();
    }

    @GET
    public io.cms.common.messaging.RebuildJob.Status status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.requireAdmin(authorization);
        return reindexer.status();
    }
}
