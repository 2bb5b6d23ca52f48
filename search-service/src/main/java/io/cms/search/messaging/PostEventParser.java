package io.cms.search.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads a {@code cms.posts} record into a {@link PostEvent}, or says why it cannot. */
public final class PostEventParser {

    private static final Set<String> TYPES = Set.of("cms.post.created", "cms.post.updated", "cms.post.published",
            "cms.post.unpublished", "cms.post.deleted");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** An event this service cannot understand; it goes to the dead-letter topic with this reason. */
    public static final class PoisonEvent extends RuntimeException {
        PoisonEvent(String message) {
            super(message);
        }
    }

    private PostEventParser() {
    }

    public static PostEvent parse(ConsumerRecord<String, byte[]> record) {
        Header typeHeader = record.headers().lastHeader("ce_type");
        String type = typeHeader == null ? null : new String(typeHeader.value(), StandardCharsets.UTF_8);
        if (type == null || !TYPES.contains(type)) {
            throw new PoisonEvent("unknown event type: " + type);
        }
        if (record.value() == null) {
            throw new PoisonEvent("event without a value");
        }
        PostEvent event;
        try {
            event = JSON.readValue(record.value(), PostEvent.class);
        } catch (IOException e) {
            throw new PoisonEvent("unreadable event value: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (event.id() == null || event.version() < 1) {
            throw new PoisonEvent("event without id or version");
        }
        return event;
    }
}
