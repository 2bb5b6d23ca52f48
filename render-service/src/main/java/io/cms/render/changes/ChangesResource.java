package io.cms.render.changes;

import java.sql.SQLException;
import java.util.concurrent.Executor;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ClientAddress;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.PublishedRead;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Published changes as Server-Sent Events, for static-site builders and ISR frontends to revalidate
 * exactly what changed: {@code post.published}, {@code post.updated}, {@code post.unpublished},
 * {@code post.deleted}, {@code tag.*}, {@code author.*} and {@code site.updated}, each with an {@code id} to resume from ({@code Last-Event-ID}, or
 * {@code ?after=} for a first connection), a heartbeat comment, and {@code reset} when the id sent
 * is older than the changes kept.
 */
@Path("/api/changes")
@RateLimited(RateLimited.Policy.READ)
@PublishedRead
@Tag(name = "Changes")
public class ChangesResource {

    private static final Executor WORKERS = runnable -> Infrastructure.getDefaultWorkerPool().execute(runnable);

    private final ChangeFeed feed;
    private final ClientAddress clients;

    ChangesResource(ChangeFeed feed, ClientAddress clients) {
        this.feed = feed;
        this.clients = clients;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Published changes as Server-Sent Events, resumable by id",
            description = "Without Last-Event-ID or after: the changes from now on. Each event's data is"
                    + " {id, type, postId, slug, version, at}. 503 when the replica has its maximum of feeds, 429"
                    + " past the per-client maximum (both with Retry-After).")
    public void changes(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") String after, @Context HttpServerRequest request) throws SQLException {
        String given = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        feed.open(sink, sse, clients.of(request), id(given, lastEventId != null && !lastEventId.isBlank() ? "Last-Event-ID" : "after"),
                WORKERS);
    }

    private static Long id(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.invalid(field, "must be the id of a change (a whole number from 0)");
    }
}
