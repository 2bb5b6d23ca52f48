package io.cms.common.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a {@code cms.posts} record into a service's own event record (the fields it needs; unknown
 * fields ignored), or says why it cannot, so the event can be dead-lettered with that reason.
 */
public final class PostEventReader<T extends VersionedPost> {

    public static final Set<String> TYPES = Set.of("cms.post.created", "cms.post.updated", "cms.post.published",
            "cms.post.unpublished", "cms.post.deleted");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** An event that cannot be applied; the message is the dead-letter reason. */
    public static final class PoisonEvent extends RuntimeException {
        public PoisonEvent(String message) {
            super(message);
        }
    }

    private final Class<T> type;

    public PostEventReader(Class<T> type) {
        this.type = type;
    }

    public T read(ConsumerRecord<String, byte[]> record) {
        Header h = record.headers().lastHeader("ce_type");
        String ceType = h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        if (ceType == null || !TYPES.contains(ceType)) {
            throw new PoisonEvent("unknown event type: " + ceType);
        }
        if (record.value() == null) {
            throw new PoisonEvent("event without a value");
        }
        T event;
        try {
            event = JSON.readValue(record.value(), type);
        } catch (IOException e) {
            throw new PoisonEvent("unreadable event value: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (event.id() == null || event.version() < 1) {
            throw new PoisonEvent("event without id or version");
        }
        return event;
    }
}
