package io.cms.search.rest;

import io.cms.common.rest.AdminAuth;
import io.cms.common.rest.RebuildEndpoint;
import io.cms.search.service.Reindexer;
import jakarta.ws.rs.Path;

/** Admin: rebuild the index from {@code cms.posts} aside and swap it in (202, then poll the status). */
@Path("/api/admin/reindex")
public class ReindexResource extends RebuildEndpoint {

    ReindexResource(Reindexer reindexer, AdminAuth auth) {
        super(reindexer, auth);
    }
}
