package io.cms.post.webhooks;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.cms.common.rest.ProblemException;
import io.cms.post.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * What people do with webhooks, from the API or the studio: subscribe, change, rotate the secret and
 * unsubscribe (audited), look at deliveries, send one again, replay a time range from Kafka, send a
 * test message.
 */
@ApplicationScoped
public class Webhooks {

    private static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");

    private final Subscriptions subscriptions;
    private final DeliveryLog log;
    private final DeliveryStore store;
    private final DeliveryWorker worker;
    private final Replayer replayer;
    private final DeliveryPlanner planner;
    private final WebhookConfig config;
    private final AuditLog audit;
    private final Validator validator;

    Webhooks(Subscriptions subscriptions, DeliveryLog log, DeliveryStore store, DeliveryWorker worker, Replayer replayer,
            DeliveryPlanner planner, WebhookConfig config, AuditLog audit, Validator validator) {
        this.planner = planner;
        this.config = config;
        this.subscriptions = subscriptions;
        this.log = log;
        this.store = store;
        this.worker = worker;
        this.replayer = replayer;
        this.audit = audit;
        this.validator = validator;
    }

    public WebhookSubscription subscribe(String actor, WebhookInput input) {
        var violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        WebhookSubscription s = subscriptions.create(input);
        audited(actor, "webhook.created", s, Map.of("url", s.url));
        return s;
    }

    /** Changes the fields the patch names (url, events, tag, category, description, active). */
    public WebhookSubscription update(String actor, String id, JsonNode patch) {
        WebhookSubscription s = subscriptions.patch(id, patch);
        List<String> changed = new ArrayList<>();
        patch.fieldNames().forEachRemaining(changed::add);
        audited(actor, "webhook.updated", s, Map.of("changed", changed));
        return s;
    }

    /** A new secret; the old one keeps signing beside it for the grace period. */
    public WebhookSubscription rotateSecret(String actor, String id) {
        WebhookSubscription s = subscriptions.rotateSecret(id);
        audited(actor, "webhook.secret-rotated", s, Map.of());
        return s;
    }

    /**
     * Sends a {@code webhook.test} message now and waits for its attempt (the delivery timeout and
     * 5 s more); the entry is still pending when it has not finished by then.
     */
    public DeliveryLog.Entry test(WebhookSubscription s) throws SQLException, InterruptedException {
        String eventId = planner.planTest(s);
        worker.wake();
        long deadline = System.nanoTime() + config.timeout().plus(Duration.ofSeconds(5)).toNanos();
        DeliveryLog.Entry entry = log.byEventId(s.id, eventId).orElseThrow();
        while (entry.status().equals("pending") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            entry = log.byEventId(s.id, eventId).orElseThrow();
        }
        return entry;
    }

    public void delete(String actor, String id) {
        WebhookSubscription s = subscriptions.get(id);
        subscriptions.delete(id);
        audited(actor, "webhook.deleted", s, Map.of("url", s.url));
    }

    /** A page of a subscription's deliveries, newest first; the filter's values are checked. */
    public DeliveryLog.Page deliveries(WebhookSubscription s, DeliveryLog.Filter filter, int page, int limit) throws SQLException {
        if (filter.status() != null && !STATUSES.contains(filter.status())) {
            throw ProblemException.invalid("status", "must be one of pending, delivered, failed");
        }
        if (filter.eventType() != null && !EventTypes.ALL.contains(filter.eventType()) && !EventTypes.TEST.equals(filter.eventType())) {
            throw ProblemException.invalid("eventType", "must be one of " + String.join(", ", EventTypes.ALL) + ", "
                    + EventTypes.TEST);
        }
        return log.page(s.id, filter, page, limit);
    }

    /** Sends a delivery again now under the same webhook-id, with a fresh retry schedule. */
    public DeliveryLog.Entry redeliver(WebhookSubscription s, String deliveryId) throws SQLException {
        UUID delivery = deliveryId(deliveryId);
        if (!store.redeliver(s.id, delivery, worker.policy().maxAttempts())) {
            if (log.one(s.id, delivery).isEmpty()) {
                throw ProblemException.notFound("Delivery " + deliveryId + " does not exist");
            }
            throw new ProblemException(ProblemException.Kind.CONFLICT,
                    "The delivery is being attempted right now; try again when this attempt is logged");
        }
        worker.wake();
        return log.one(s.id, delivery).orElseThrow();
    }

    /** Sends every matching event from {@code since} to {@code until} (now when null) again, read back from Kafka. */
    public Replayer.Result replay(WebhookSubscription s, OffsetDateTime since, OffsetDateTime until) {
        if (since == null) {
            throw ProblemException.invalid("since", "is required (an ISO-8601 date-time such as 2025-10-01T00:00:00Z)");
        }
        OffsetDateTime to = until == null ? OffsetDateTime.now(ZoneOffset.UTC) : until;
        if (to.isBefore(since)) {
            throw until == null ? ProblemException.invalid("since", "must not be in the future")
                    : ProblemException.invalid("until", "must not be before since");
        }
        return replayer.replay(s, since, to);
    }

    public static UUID deliveryId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Delivery " + value + " does not exist");
        }
    }

    /** After the change committed: webhook changes are few, and a lost record is rarer than a failed request. */
    public void audited(String actor, String action, WebhookSubscription s, Map<String, ?> detail) {
        audit.record(actor, action, "webhook:" + s.id, detail);
    }
}
