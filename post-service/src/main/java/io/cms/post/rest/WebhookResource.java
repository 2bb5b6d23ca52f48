package io.cms.post.rest;

import java.net.URI;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.cms.common.auth.Callers;
import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.Timestamps;
import io.cms.post.webhooks.DeliveryLog;
import io.cms.post.webhooks.Subscriptions;
import io.cms.post.webhooks.WebhookInput;
import io.cms.post.webhooks.WebhookSubscription;
import io.cms.post.webhooks.Webhooks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Webhook subscriptions, their delivery log, redelivery, replay and test messages. Admin only. */
@Path("/api/webhooks")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class WebhookResource {

    private final Webhooks webhooks;
    private final Subscriptions subscriptions;
    private final DeliveryLog log;
    private final Callers callers;

    WebhookResource(Webhooks webhooks, Subscriptions subscriptions, DeliveryLog log, Callers callers) {
        this.webhooks = webhooks;
        this.callers = callers;
        this.subscriptions = subscriptions;
        this.log = log;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(@Valid @NotNull WebhookInput input, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        WebhookSubscription s = webhooks.subscribe(actor(authorization), input);
        return Response.created(URI.create("/api/webhooks/" + s.id)).entity(WebhookView.of(s, true)).build();
    }

    @GET
    public List<WebhookView> list() {
        return subscriptions.list().stream().map(s -> WebhookView.of(s, false)).toList();
    }

    @GET
    @Path("{id}")
    public WebhookView get(@PathParam("id") String id) {
        return WebhookView.of(subscriptions.get(id), false);
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public WebhookView patch(@PathParam("id") String id, JsonNode patch,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object");
        }
        WebhookSubscription s = webhooks.update(actor(authorization), id, patch);
        return WebhookView.of(s, false);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        webhooks.delete(actor(authorization), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    public WebhookView rotateSecret(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return WebhookView.of(webhooks.rotateSecret(actor(authorization), id), true);
    }

    @GET
    @Path("{id}/deliveries")
    public DeliveryView.Page deliveries(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("eventType") String eventType, @QueryParam("postId") String postId,
            @QueryParam("page") String page, @QueryParam("limit") String limit) throws SQLException {
        WebhookSubscription s = subscriptions.get(id);
        int p = ListParams.page(page);
        int l = ListParams.limit(limit);
        DeliveryLog.Page result = webhooks.deliveries(s, new DeliveryLog.Filter(status, eventType, uuid("postId", postId)), p, l);
        return new DeliveryView.Page(result.items().stream().map(DeliveryView::of).toList(), result.total(), p, l);
    }

    @GET
    @Path("{id}/deliveries/{deliveryId}")
    public DeliveryView delivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId)
            throws SQLException {
        WebhookSubscription s = subscriptions.get(id);
        return log.one(s.id, Webhooks.deliveryId(deliveryId)).map(DeliveryView::of)
                .orElseThrow(() -> ProblemException.notFound("Delivery " + deliveryId + " does not exist"));
    }

    /** Sends a delivery again now under the same webhook-id, with a fresh retry schedule. */
    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId)
            throws SQLException {
        return Response.accepted(DeliveryView.of(webhooks.redeliver(subscriptions.get(id), deliveryId))).build();
    }

    /** Sends every matching event of a time range again, read back from Kafka. */
    @POST
    @Path("{id}/replay")
    public Response replay(@PathParam("id") String id, @QueryParam("since") String since,
            @QueryParam("until") String until) {
        WebhookSubscription s = subscriptions.get(id);
        OffsetDateTime from = since == null || since.isBlank() ? null : time("since", since);
        OffsetDateTime to = until == null || until.isBlank() ? null : time("until", until);
        return Response.accepted(webhooks.replay(s, from, to)).build();
    }

    /** Sends a {@code webhook.test} message now and answers with the attempt (202 if it has not finished). */
    @POST
    @Path("{id}/test")
    public Response test(@PathParam("id") String id) throws SQLException, InterruptedException {
        DeliveryLog.Entry entry = webhooks.test(subscriptions.get(id));
        return Response.status(entry.status().equals("pending") ? 202 : 200).entity(DeliveryView.of(entry)).build();
    }

    private static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be a post id (UUID)");
        }
    }

    private static OffsetDateTime time(String field, String value) {
        try {
            return Timestamps.storable(field, OffsetDateTime.parse(value));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 date-time with offset, such as 2025-10-01T00:00:00Z");
        }
    }

    private String actor(String authorization) {
        return callers.of(authorization).actor();
    }
}
