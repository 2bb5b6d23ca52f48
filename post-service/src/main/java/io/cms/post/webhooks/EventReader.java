package io.cms.post.webhooks;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.messaging.PostEventReader.PoisonEvent;
import io.cms.post.PostRevision;
import io.cms.post.site.Sites;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a {@code cms.posts} or {@code cms.rendered} record into the webhook message about it. The body
 * follows the Standard Webhooks shape ({@code type}, {@code timestamp}, {@code data}) and is the same
 * for every subscriber, so it is built once per event.
 */
@ApplicationScoped
public class EventReader {

    /** Post event types whose payload says which fields the change altered. */
    private static final List<String> WITH_CHANGES = List.of("post.updated", "post.published", "post.unpublished");

    private static final String CREATED = "post.created";
    private static final String PUBLISHED = "post.published";

    private final ObjectMapper json;
    private final String postBase;
    private final String renderBase;

    private final Sites sites;

    EventReader(ObjectMapper json, WebhookConfig config, Sites sites) {
        this.json = json;
        this.sites = sites;
        this.postBase = trimSlash(config.publicPostUrl());
        this.renderBase = trimSlash(config.publicRenderUrl());
    }

    /** When the record's event happened; empty for an event type webhooks do not carry. Reads only headers. */
    public Optional<OffsetDateTime> occurredAt(ConsumerRecord<String, byte[]> record) {
        if (EventTypes.fromCloudEventType(header(record, "ce_type")).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(time(header(record, "ce_time"), record.timestamp()));
    }

    /**
     * The webhook types this record can be delivered as (its own, and {@code post.published} for a
     * post created published); empty for an event type webhooks do not carry. Reads only headers.
     */
    public List<String> deliverableTypes(ConsumerRecord<String, byte[]> record) {
        Optional<String> type = EventTypes.fromCloudEventType(header(record, "ce_type"));
        if (type.isEmpty()) {
            return List.of();
        }
        return type.get().equals(CREATED) ? List.of(CREATED, PUBLISHED) : List.of(type.get());
    }

    /** The message for this record; empty for an event type webhooks do not carry. */
    public Optional<WebhookEvent> read(ConsumerRecord<String, byte[]> record) {
        Optional<String> type = EventTypes.fromCloudEventType(header(record, "ce_type"));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String eventId = header(record, "ce_id");
        if (eventId == null || eventId.isBlank()) {
            throw new PoisonEvent("event without ce_id");
        }
        OffsetDateTime occurredAt = time(header(record, "ce_time"), record.timestamp());
        JsonNode value = value(record);
        UUID id = uuid(value.path("id").asText(null));
        long version = value.path("version").asLong(0);
        if (id == null || version < 1) {
            throw new PoisonEvent("event without id or version");
        }
        return Optional.of(type.get().equals(EventTypes.RENDERED)
                ? rendered(eventId, occurredAt, id, version, value)
                : postChange(type.get(), eventId, occurredAt, id, version, value));
    }

    private WebhookEvent postChange(String type, String eventId, OffsetDateTime at, UUID id, long version, JsonNode v) {
        boolean deleted = v.path("deleted").asBoolean(false);
        String slug = v.path("slug").asText(null);
        List<String> tags = strings(v.path("tags"));
        List<String> categories = strings(v.path("categories"));
        String publishedAt = v.path("publishedAt").asText(null);
        if (deleted) {
            // A deletion event carries no content; filters and receivers still want the post's last tags.
            JsonNode last = snapshot(id, version - 1);
            tags = strings(last.path("tags"));
            categories = strings(last.path("categories"));
            publishedAt = last.path("publishedAt").asText(null);
        }
        Map<String, Object> data = common(id, slug, v.path("title").asText(null),
                deleted ? "deleted" : v.path("status").asText(null), version, publishedAt, tags, categories);
        if (WITH_CHANGES.contains(type)) {
            data.put("changedFields", strings(v.path("changedFields")));
        }
        if (!deleted) {
            data.put("urls", urls(slug, publishedAt, categories, false));
            JsonNode image = v.path("featureImage");
            if (image.isObject()) {
                data.put("featureImage", image);
            }
        }
        WebhookEvent alias = null;
        if (type.equals(CREATED) && "published".equals(data.get("status"))) {
            alias = new WebhookEvent(eventId, PUBLISHED, at, id, version, tags, categories, body(PUBLISHED, at, data));
        }
        return new WebhookEvent(eventId, type, at, id, version, tags, categories, body(type, at, data), alias);
    }

    private WebhookEvent rendered(String eventId, OffsetDateTime at, UUID id, long version, JsonNode v) {
        // The render event names the version; tags and publication date come from that version's revision.
        JsonNode revision = snapshot(id, version);
        List<String> tags = strings(revision.path("tags"));
        List<String> categories = strings(revision.path("categories"));
        String slug = v.path("slug").asText(null);
        Map<String, Object> data = common(id, slug, v.path("title").asText(null), "published", version,
                revision.path("publishedAt").asText(null), tags, categories);
        data.put("renderedAt", v.path("renderedAt").asText(null));
        data.put("urls", urls(slug, revision.path("publishedAt").asText(null), categories, true));
        return new WebhookEvent(eventId, EventTypes.RENDERED, at, id, version, tags, categories,
                body(EventTypes.RENDERED, at, data));
    }

    /** The body of a {@code webhook.test} message. */
    public String testBody(UUID subscriptionId, OffsetDateTime at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", subscriptionId.toString());
        data.put("message", "Test delivery from the CMS: if you can read this, the endpoint works.");
        return body(EventTypes.TEST, at, data);
    }

    private static Map<String, Object> common(UUID id, String slug, String title, String status, long version,
            String publishedAt, List<String> tags, List<String> categories) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id.toString());
        data.put("slug", slug);
        data.put("title", title);
        data.put("status", status);
        data.put("version", version);
        data.put("publishedAt", publishedAt);
        data.put("tags", tags);
        data.put("categories", categories);
        return data;
    }

    /** The post's address on the site (the site settings' permalink), its JSON and its HTML. */
    private Map<String, String> urls(String slug, String publishedAt, List<String> categories, boolean withRender) {
        String segment = URLEncoder.encode(slug == null ? "" : slug, StandardCharsets.UTF_8).replace("+", "%20");
        Map<String, String> urls = new LinkedHashMap<>();
        if (slug != null) {
            urls.put("site", sites.links().post(slug, instant(publishedAt), categories));
        }
        urls.put("json", postBase + "/api/posts/" + segment);
        urls.put("html", renderBase + "/api/rendered/" + segment + "/html");
        if (withRender) {
            urls.put("rendered", renderBase + "/api/rendered/" + segment);
        }
        return urls;
    }

    private static OffsetDateTime instant(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private String body(String type, OffsetDateTime at, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(at));
        body.put("data", data);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode snapshot(UUID postId, long version) {
        PostRevision revision = PostRevision.find("postId = ?1 and version = ?2", postId, version).firstResult();
        if (revision == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(revision.snapshot);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    private JsonNode value(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PoisonEvent("event without a value");
        }
        try {
            JsonNode node = json.readTree(record.value());
            if (node == null || !node.isObject()) {
                throw new PoisonEvent("event value is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new PoisonEvent("unreadable event value: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static OffsetDateTime time(String ceTime, long recordTimestamp) {
        if (ceTime != null) {
            try {
                return OffsetDateTime.parse(ceTime).withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // fall back to the broker's timestamp
            }
        }
        return Instant.ofEpochMilli(recordTimestamp).atOffset(ZoneOffset.UTC);
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
