package io.cms.post.rest;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.cms.common.rest.AdminOnly;
import io.cms.post.messaging.ParkedEvents;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Change events Kafka refused for good, parked so the others flow: look at them, retry them. Admin only. */
@Path("/api/outbox/parked")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    /** The count and the oldest parked events. */
    public record ParkedList(long total, List<ParkedEvents.Parked> events) {
    }

    private static final CacheControl NO_STORE = CacheControl.valueOf("private, no-store");

    private final ParkedEvents parked;

    OutboxResource(ParkedEvents parked) {
        this.parked = parked;
    }

    @GET
    public Response list(@QueryParam("limit") String limit, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws SQLException {
        ParkedList body = new ParkedList(parked.count(), parked.list(ListParams.limit(limit)));
        // Weak: a hash of the values, which is what an admin polling this list wants to compare.
        String etag = "W/\"" + Integer.toHexString(body.hashCode()) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header("ETag", etag).cacheControl(NO_STORE).build();
        }
        return Response.ok(body).header("ETag", etag).cacheControl(NO_STORE).build();
    }

    /** Puts every parked event back in line; the relay publishes them at once (or parks again what Kafka still refuses). */
    @POST
    @Path("retry")
    public Response retry() throws SQLException {
        return Response.accepted(Map.of("retried", parked.retryAll())).cacheControl(NO_STORE).build();
    }
}
