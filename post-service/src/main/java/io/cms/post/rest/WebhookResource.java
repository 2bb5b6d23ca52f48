package io.cms.post.rest;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.cms.common.auth.Callers;
import io.cms.common.rest.AdminOnly;
import io.cms.common.rest.ProblemException;
import io.cms.post.audit.AuditLog;
import io.cms.post.webhooks.DeliveryLog;
import io.cms.post.webhooks.DeliveryPlanner;
import io.cms.post.webhooks.DeliveryStore;
import io.cms.post.webhooks.DeliveryWorker;
import io.cms.post.webhooks.EventTypes;
import io.cms.post.webhooks.Replayer;
import io.cms.post.webhooks.Subscriptions;
import io.cms.post.webhooks.WebhookConfig;
import io.cms.post.webhooks.WebhookInput;
import io.cms.post.webhooks.WebhookSubscription;
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

    private static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");

    private final Subscriptions subscriptions;
    private final DeliveryLog log;
    private final DeliveryStore store;
    private final DeliveryPlanner planner;
    private final DeliveryWorker worker;
    private final Replayer replayer;
    private final WebhookConfig config;
    private final AuditLog audit;
    private final Callers callers;

    WebhookResource(Subscriptions subscriptions, DeliveryLog log, DeliveryStore store, DeliveryPlanner planner,
            DeliveryWorker worker, Replayer replayer, WebhookConfig config, AuditLog audit, Callers callers) {
        this.audit = audit;
        this.callers = callers;
        this.subscriptions = subscriptions;
        this.log = log;
        this.store = store;
        this.planner = planner;
        this.worker = worker;
        this.replayer = replayer;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(@Valid @NotNull WebhookInput input, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        WebhookSubscription s = subscriptions.create(input);
        audited(authorization, "webhook.created", s, Map.of("url", s.url));
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
        WebhookSubscription s = subscriptions.patch(id, patch);
        List<String> changed = new java.util.ArrayList<>();
        if (patch != null) {
            patch.fieldNames().forEachRemaining(changed::add);
        }
        audited(authorization, "webhook.updated", s, Map.of("changed", changed));
        return WebhookView.of(s, false);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        WebhookSubscription s = subscriptions.get(id);
        subscriptions.delete(id);
        audited(authorization, "webhook.deleted", s, Map.of("url", s.url));
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/rotate-secret")
    public WebhookView rotateSecret(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        WebhookSubscription s = subscriptions.rotateSecret(id);
        audited(authorization, "webhook.secret-rotated", s, Map.of());
        return WebhookView.of(s, true);
    }

    @GET
    @Path("{id}/deliveries")
    public DeliveryView.Page deliveries(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("eventType") String eventType, @QueryParam("postId") String postId,
            @QueryParam("page") String page, @QueryParam("limit") String limit) throws SQLException {
        WebhookSubscription s = subscriptions.get(id);
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.invalid("status", "must be one of pending, delivered, failed");
        }
        if (eventType != null && !EventTypes.ALL.contains(eventType) && !EventTypes.TEST.equals(eventType)) {
            throw ProblemException.invalid("eventType", "must be one of " + String.join(", ", EventTypes.ALL) + ", "
                    + EventTypes.TEST);
        }
        int p = ListParams.page(page);
        int l = ListParams.limit(limit);
        DeliveryLog.Page result = log.page(s.id, new DeliveryLog.Filter(status, eventType, uuid("postId", postId)), p, l);
        return new DeliveryView.Page(result.items().stream().map(DeliveryView::of).toList(), result.total(), p, l);
    }

    @GET
    @Path("{id}/deliveries/{deliveryId}")
    public DeliveryView delivery(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId)
            throws SQLException {
        WebhookSubscription s = subscriptions.get(id);
        return log.one(s.id, deliveryUuid(deliveryId)).map(DeliveryView::of)
                .orElseThrow(() -> ProblemException.notFound("Delivery " + deliveryId + " does not exist"));
    }

    /** Sends a delivery again now under the same webhook-id, with a fresh retry schedule. */
    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId)
            throws SQLException {
        WebhookSubscription s = subscriptions.get(id);
        UUID delivery = deliveryUuid(deliveryId);
        if (!store.redeliver(s.id, delivery, worker.policy().maxAttempts())) {
            if (log.one(s.id, delivery).isEmpty()) {
                throw ProblemException.notFound("Delivery " + deliveryId + " does not exist");
            }
            throw new ProblemException(ProblemException.Kind.CONFLICT,
                    "The delivery is being attempted right now; try again when this attempt is logged");
        }
        worker.wake();
        return Response.accepted(DeliveryView.of(log.one(s.id, delivery).orElseThrow())).build();
    }

    /** Sends every matching event of a time range again, read back from Kafka. */
    @POST
    @Path("{id}/replay")
    public Response replay(@PathParam("id") String id, @QueryParam("since") String since,
            @QueryParam("until") String until) {
        WebhookSubscription s = subscriptions.get(id);
        if (since == null || since.isBlank()) {
            throw ProblemException.invalid("since", "is required (an ISO-8601 date-time such as 2025-10-01T00:00:00Z)");
        }
        OffsetDateTime from = time("since", since);
        OffsetDateTime to = until == null || until.isBlank() ? OffsetDateTime.now(ZoneOffset.UTC) : time("until", until);
        if (to.isBefore(from)) {
            throw until == null || until.isBlank() ? ProblemException.invalid("since", "must not be in the future")
                    : ProblemException.invalid("until", "must not be before since");
        }
        Replayer.Result result = replayer.replay(s, from, to);
        return Response.accepted(result).build();
    }

    /** Sends a {@code webhook.test} message now and answers with the attempt (202 if it has not finished). */
    @POST
    @Path("{id}/test")
    public Response test(@PathParam("id") String id) throws SQLException, InterruptedException {
        WebhookSubscription s = subscriptions.get(id);
        String eventId = planner.planTest(s);
        worker.wake();
        long deadline = System.nanoTime() + config.timeout().plus(Duration.ofSeconds(5)).toNanos();
        DeliveryLog.Entry entry = log.byEventId(s.id, eventId).orElseThrow();
        while (entry.status().equals("pending") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            entry = log.byEventId(s.id, eventId).orElseThrow();
        }
        return Response.status(entry.status().equals("pending") ? 202 : 200).entity(DeliveryView.of(entry)).build();
    }

    private static UUID deliveryUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Delivery " + value + " does not exist");
        }
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
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 date-time with offset, such as 2025-10-01T00:00:00Z");
        }
    }

    /** After the change committed: webhook changes are few, and a lost record is rarer than a failed request. */
    private void audited(String authorization, String action, WebhookSubscription s, Map<String, ?> detail) {
        audit.record(callers.of(authorization).actor(), action, "webhook:" + s.id, detail);
    }
}
