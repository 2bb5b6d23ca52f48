package io.cms.post.rest;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.ConditionalResponse;
import io.cms.post.messaging.ParkedEvents;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Change events Kafka refused for good, parked so the others flow: look at them, retry them. Admin only. */
@Path("/api/outbox/parked")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class OutboxResource {

    /** The count and the oldest parked events. */
    public record ParkedList(long total, List<ParkedEvents.Parked> events) {
    }

    private final ParkedEvents parked;

    OutboxResource(ParkedEvents parked) {
        this.parked = parked;
    }

    /** Tagged by its bytes, 304 on a match ({@code ConditionalReads}): what an admin polling it compares. */
    @GET
    public Response list(@QueryParam("limit") String limit) throws SQLException {
        ParkedList body = new ParkedList(parked.count(), parked.list(ListParams.limit(limit)));
        return Response.ok(body).header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }

    /** Puts every parked event back in line; the relay publishes them at once (or parks again what Kafka still refuses). */
    @POST
    @Path("retry")
    public Response retry() throws SQLException {
        return Response.accepted(Map.of("retried", parked.retryAll()))
                .header(HttpHeaders.CACHE_CONTROL, ConditionalResponse.PRIVATE).build();
    }
}
