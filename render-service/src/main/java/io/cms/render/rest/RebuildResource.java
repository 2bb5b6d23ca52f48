package io.cms.render.rest;

import io.cms.common.rest.AdminAuth;
import io.cms.common.rest.RebuildEndpoint;
import io.cms.render.service.Rebuild;
import jakarta.ws.rs.Path;

/** Admin: rebuild every render from {@code cms.posts} (202, then poll the status). */
@Path("/api/admin/rerender")
public class RebuildResource extends RebuildEndpoint {

    RebuildResource(Rebuild rebuild, AdminAuth auth) {
        super(rebuild, auth);
    }
}
