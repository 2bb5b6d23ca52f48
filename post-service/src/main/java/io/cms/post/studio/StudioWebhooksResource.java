package io.cms.post.studio;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.common.auth.Caller;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.post.webhooks.DeliveryLog;
import io.cms.post.webhooks.DeliveryStore;
import io.cms.post.webhooks.EventTypes;
import io.cms.post.webhooks.Secrets;
import io.cms.post.webhooks.Subscriptions;
import io.cms.post.webhooks.WebhookInput;
import io.cms.post.webhooks.WebhookSubscription;
import io.cms.post.webhooks.Webhooks;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhooks in the studio (admins, as the API): subscriptions, a new one with its secret shown once,
 * each one's settings, a test message, a new secret, its recent deliveries with status and response,
 * {@code Redeliver} and {@code Replay} from a time.
 */
@Path("/studio/settings/webhooks")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.READ)
@Blocking
@Tag(name = "Studio")
public class StudioWebhooksResource {

    static final int DELIVERIES_SHOWN = 50;

    /** A subscription as a line. */
    @TemplateData
    public record Row(String id, String url, String events, List<String> eventList, String tag, String category,
            String description, boolean active, String disabledReason, String secretHint) {

        /** The new subscription's form: nothing filled in. */
        static final Row BLANK = new Row("", "", "", List.of(), "", "", "", true, null, "");

        static Row of(WebhookSubscription s) {
            return new Row(s.id.toString(), s.url, String.join(", ", s.events), List.copyOf(s.events), blank(s.tag),
                    blank(s.category), blank(s.description), s.active, s.disabledReason, Secrets.hint(s.secret));
        }

        private static String blank(String value) {
            return value == null ? "" : value;
        }
    }

    /** A delivery as a line, with its last attempt. */
    @TemplateData
    public record Delivery(String id, String eventType, String postId, String status, String at, String code, String error,
            String response, int attempts) {
    }

    private final Template list;
    private final Template one;
    private final StudioPages pages;
    private final Webhooks webhooks;
    private final Subscriptions subscriptions;

    StudioWebhooksResource(@Location("studio/settings/webhooks.html") Template list,
            @Location("studio/settings/webhook.html") Template one, StudioPages pages, Webhooks webhooks, Subscriptions subscriptions) {
        this.list = list;
        this.one = one;
        this.pages = pages;
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
    }

    @GET
    @Operation(summary = "The subscriptions, and the form for a new one")
    public Response list() {
        return showList(Response.ok(), admin(pages.caller()), null, List.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Subscribe (form fields csrf, url, events (repeated; none: all), tag, category, description);"
            + " the secret is shown once")
    public Response subscribe(@FormParam("csrf") String csrf, @FormParam("url") String url, @FormParam("events") List<String> events,
            @FormParam("tag") String tag, @FormParam("category") String category, @FormParam("description") String description) {
        Caller caller = admin(pages.form(csrf));
        try {
            WebhookSubscription s = webhooks.subscribe(caller.actor(), new WebhookInput(url == null ? null : url.strip(),
                    events == null || events.isEmpty() ? null : events, orNull(tag), orNull(category), orNull(description)));
            return showList(Response.status(201), caller, s, List.of());
        } catch (ProblemException e) {
            return showList(Response.status(e.status()), caller, null, StudioPages.describe(e));
        } catch (ConstraintViolationException e) {
            return showList(Response.status(400), caller, null, e.getConstraintViolations().stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).toList());
        }
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Unsubscribe (form field csrf)")
    public Response delete(@PathParam("id") String id, @FormParam("csrf") String csrf) {
        webhooks.delete(admin(pages.form(csrf)).actor(), id);
        return Response.seeOther(URI.create("/studio/settings/webhooks")).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A subscription's recent deliveries, with Redeliver and Replay")
    public Response deliveries(@PathParam("id") String id, @QueryParam("note") String note) throws SQLException {
        Caller caller = admin(pages.caller());
        // Only the notes this page's own redirects name: a link cannot make the page say anything else.
        String shown = switch (note == null ? "" : note) {
            case "redelivered" -> pages.messages().redelivered();
            case "saved" -> pages.messages().saved();
            default -> null;
        };
        return showOne(Response.ok(), caller, subscriptions.get(id), shown, List.of());
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Send a delivery again now (form field csrf)")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId, @FormParam("csrf") String csrf)
            throws SQLException {
        Caller caller = admin(pages.form(csrf));
        WebhookSubscription s = subscriptions.get(id);
        try {
            webhooks.redeliver(s, deliveryId);
            return Response.seeOther(URI.create("/studio/settings/webhooks/" + s.id + "?note=redelivered")).build();
        } catch (ProblemException e) {
            if (e.kind() == ProblemException.Kind.NOT_FOUND) {
                throw e;
            }
            return showOne(Response.status(e.status()), caller, s, null, StudioPages.describe(e));
        }
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change a subscription (form fields csrf, url, events (repeated; none: all), tag, category,"
            + " description, active)")
    public Response update(@PathParam("id") String id, @FormParam("csrf") String csrf, @FormParam("url") String url,
            @FormParam("events") List<String> events, @FormParam("tag") String tag, @FormParam("category") String category,
            @FormParam("description") String description, @FormParam("active") String active) throws SQLException {
        Caller caller = admin(pages.form(csrf));
        ObjectNode patch = JsonNodeFactory.instance.objectNode().put("url", url == null ? "" : url.strip())
                .put("tag", orNull(tag)).put("category", orNull(category)).put("description", orNull(description))
                .put("active", active != null);
        var chosen = patch.putArray("events");
        if (events != null) {
            events.forEach(chosen::add);
        }
        try {
            webhooks.update(caller.actor(), id, patch);
            return Response.seeOther(URI.create("/studio/settings/webhooks/" + id + "?note=saved")).build();
        } catch (ProblemException e) {
            if (e.kind() == ProblemException.Kind.NOT_FOUND) {
                throw e;
            }
            return showOne(Response.status(e.status()), caller, subscriptions.get(id), null, StudioPages.describe(e));
        }
    }

    @POST
    @Path("{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Send a webhook.test message now and show how the receiver answered (form field csrf)")
    public Response test(@PathParam("id") String id, @FormParam("csrf") String csrf) throws SQLException, InterruptedException {
        Caller caller = admin(pages.form(csrf));
        WebhookSubscription s = subscriptions.get(id);
        Delivery sent = delivery(webhooks.test(s));
        String outcome = sent.code().isEmpty() ? sent.error() : "HTTP " + sent.code() + (sent.error().isEmpty() ? "" : " " + sent.error());
        return showOne(Response.ok(), caller, s, pages.messages().testSent(pages.messages().deliveryStatus(sent.status()), outcome),
                List.of());
    }

    @POST
    @Path("{id}/rotate-secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A new signing secret, shown once; the old one keeps signing beside it for the grace period (form field csrf)")
    public Response rotateSecret(@PathParam("id") String id, @FormParam("csrf") String csrf) throws SQLException {
        Caller caller = admin(pages.form(csrf));
        WebhookSubscription s = webhooks.rotateSecret(caller.actor(), id);
        return showOne(Response.ok().header("Cache-Control", "no-store"), caller, s, null, List.of(), s.secret);
    }

    @POST
    @Path("{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Send every matching event since a time again (form fields csrf, since: a datetime-local in the writer's zone)")
    public Response replay(@PathParam("id") String id, @FormParam("csrf") String csrf, @FormParam("since") String since)
            throws SQLException {
        Caller caller = admin(pages.form(csrf));
        WebhookSubscription s = subscriptions.get(id);
        try {
            var result = webhooks.replay(s, StudioZone.read("since", since, pages.zone()), null);
            return showOne(Response.status(202), caller, s, pages.messages().replayed(result.queued(), result.scanned()), List.of());
        } catch (ProblemException e) {
            return showOne(Response.status(e.status()), caller, s, null, StudioPages.describe(e));
        }
    }

    private static Caller admin(Caller caller) {
        return StudioPages.admin(caller, "Webhooks are for admins");
    }

    private Response showList(Response.ResponseBuilder r, Caller caller, WebhookSubscription made, List<String> errors) {
        List<Row> rows = subscriptions.list().stream().map(Row::of).toList();
        return pages.page(r, list.instance().data("hooks", rows).data("made", made).data("errors", errors).data("blank", Row.BLANK)
                .data("eventTypes", EventTypes.ALL).data("csrf", pages.csrf(caller)), caller);
    }

    private static String orNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Response showOne(Response.ResponseBuilder r, Caller caller, WebhookSubscription s, String note, List<String> errors)
            throws SQLException {
        return showOne(r, caller, s, note, errors, null);
    }

    /** {@code secret}: a new secret to show this once, or null. */
    private Response showOne(Response.ResponseBuilder r, Caller caller, WebhookSubscription s, String note, List<String> errors,
            String secret) throws SQLException {
        DeliveryLog.Page page = webhooks.deliveries(s, new DeliveryLog.Filter(null, null, null), 1, DELIVERIES_SHOWN);
        List<Delivery> rows = page.items().stream().map(this::delivery).toList();
        return pages.page(r, one.instance().data("hook", Row.of(s)).data("deliveries", rows).data("total", page.total())
                .data("note", note).data("errors", errors).data("secret", secret).data("eventTypes", EventTypes.ALL).data("csrf", pages.csrf(caller)).data("zone", pages.zone().getId()), caller);
    }

    private Delivery delivery(DeliveryLog.Entry e) {
        DeliveryStore.Attempt last = e.attempts() == null || e.attempts().isEmpty() ? null : e.attempts().get(e.attempts().size() - 1);
        return new Delivery(e.id().toString(), e.eventType(), e.postId() == null ? "" : e.postId().toString(), e.status(),
                pages.time(last == null ? e.createdAt() : last.at()), last == null || last.statusCode() == null ? "" : last.statusCode().toString(),
                last == null || last.error() == null ? "" : last.error(), last == null || last.responseBody() == null ? "" : last.responseBody(),
                e.attempts() == null ? 0 : e.attempts().size());
    }
}
