package io.cms.post.webhooks;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.cms.common.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Creating, changing and removing subscriptions, with the checks that keep their targets safe. */
@ApplicationScoped
public class Subscriptions {

    private static final Set<String> PATCHABLE = Set.of("url", "events", "tag", "category", "description", "active");

    private final TargetGuard guard;
    private final WebhookConfig config;

    Subscriptions(TargetGuard guard, WebhookConfig config) {
        this.guard = guard;
        this.config = config;
    }

    @Transactional
    public WebhookSubscription create(WebhookInput input) {
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.events = checkedEvents(input.events());
        s.url = checkedUrl(input.url()); // last: it looks the host up
        s.tag = input.tag();
        s.category = input.category();
        s.description = input.description();
        s.secret = Secrets.generate();
        s.createdAt = now();
        s.updatedAt = s.createdAt;
        s.persist();
        return s;
    }

    public List<WebhookSubscription> list() {
        return WebhookSubscription.list("order by createdAt");
    }

    public WebhookSubscription get(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Webhook " + id + " does not exist");
        }
        WebhookSubscription s = WebhookSubscription.findById(uuid);
        if (s == null) {
            throw ProblemException.notFound("Webhook " + id + " does not exist");
        }
        return s;
    }

    /** Applies a JSON merge patch of the editable fields; null clears a filter or the description. */
    @Transactional
    public WebhookSubscription patch(String id, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalid("body", "must be a JSON object");
        }
        WebhookSubscription s = get(id);
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "url" -> s.url = checkedUrl(text(name, value, false, 2048));
                case "events" -> s.events = checkedEvents(strings(name, value));
                case "tag" -> s.tag = text(name, value, true, 100);
                case "category" -> s.category = text(name, value, true, 100);
                case "description" -> s.description = text(name, value, true, 1000);
                case "active" -> {
                    if (!value.isBoolean()) {
                        throw ProblemException.invalid(name, "must be true or false");
                    }
                    s.active = value.booleanValue();
                    if (s.active) {
                        // Turned back on by a person: the old failure streak and reason no longer apply.
                        s.disabledReason = null;
                        s.disabledAt = null;
                        s.failingSince = null;
                    }
                }
                default -> throw ProblemException.invalid(name, "is not a field that can be changed (one of " + PATCHABLE + ")");
            }
        }
        s.updatedAt = now();
        return s;
    }

    @Transactional
    public void delete(String id) {
        get(id).delete();
    }

    /** A new secret; the old one keeps signing alongside it for the grace period. */
    @Transactional
    public WebhookSubscription rotateSecret(String id) {
        WebhookSubscription s = get(id);
        OffsetDateTime now = now();
        s.previousSecret = s.secret;
        s.previousSecretExpiresAt = now.plus(config.secretGrace());
        s.secret = Secrets.generate();
        s.updatedAt = now;
        return s;
    }

    private String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ProblemException.invalid("url", "must not be blank");
        }
        String u = url.strip();
        guard.checkTarget(u).ifPresent(reason -> {
            throw ProblemException.invalid("url", reason);
        });
        return u;
    }

    private static List<String> checkedEvents(List<String> events) {
        if (events == null) {
            return new ArrayList<>();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String e = events.get(i);
            if (e == null || !EventTypes.ALL.contains(e)) {
                throw ProblemException.invalid("events[" + i + "]", "must be one of " + String.join(", ", EventTypes.ALL));
            }
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(String name, JsonNode value, boolean nullable, int max) {
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw ProblemException.invalid(name, nullable ? "must be a non-blank string or null" : "must be a non-blank string");
        }
        if (value.textValue().length() > max) {
            throw ProblemException.invalid(name, "must be at most " + max + " characters");
        }
        return value.textValue();
    }

    private static List<String> strings(String name, JsonNode value) {
        if (value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw ProblemException.invalid(name, "must be an array of event types");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw ProblemException.invalid(name + "[" + i + "]", "must be a string");
            }
            out.add(value.get(i).textValue());
        }
        return out;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
