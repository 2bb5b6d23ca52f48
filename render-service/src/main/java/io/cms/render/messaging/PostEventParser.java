package io.cms.render.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/** Reads a {@code cms.posts} record into a {@link PostEvent}, or says why it cannot. */
@ApplicationScoped
public class PostEventParser {

    private static final Logger LOG = Logger.getLogger(PostEventParser.class);
    private static final Set<String> TYPES = Set.of("cms.post.created", "cms.post.updated", "cms.post.published",
            "cms.post.unpublished", "cms.post.deleted");

    /** An event this service cannot understand. */
    public static final class PoisonEvent extends RuntimeException {
        PoisonEvent(String message) {
            super(message);
        }
    }

    private final ObjectMapper json;

    PostEventParser(ObjectMapper json) {
        this.json = json;
    }

    public PostEvent parse(ConsumerRecord<String, byte[]> record) {
        String type = header(record, "ce_type");
        if (type == null || !TYPES.contains(type)) {
            throw new PoisonEvent("unknown event type: " + type);
        }
        if (record.value() == null) {
            throw new PoisonEvent("event without a value");
        }
        PostEvent event;
        try {
            event = json.readValue(record.value(), PostEvent.class);
        } catch (IOException e) {
            throw new PoisonEvent("unreadable event value: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (event.id() == null || event.version() < 1) {
            throw new PoisonEvent("event without id or version");
        }
        if (!event.id().toString().equals(record.key())) {
            LOG.warnf("Event key %s differs from its post id %s", record.key(), event.id());
        }
        return event;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
