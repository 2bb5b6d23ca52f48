package io.cms.render.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.messaging.TermChangedEvent;
import io.cms.common.messaging.TransientRetry;
import io.cms.render.terms.TermStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Applies one {@code cms.terms} event: a tag's or author's own fields for the Ghost Content API, and
 * a {@code tag.*}/{@code author.*} change in the change feed. Unreadable events go to the dead-letter
 * topic; an outage is waited out.
 */
@ApplicationScoped
public class TermEventConsumer {

    private final TermStore store;
    private final RenderedPublisher publisher;
    private final ObjectMapper json;

    TermEventConsumer(TermStore store, RenderedPublisher publisher, ObjectMapper json) {
        this.store = store;
        this.publisher = publisher;
        this.json = json;
    }

    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        TermChangedEvent event;
        String change;
        try {
            event = read(record);
            change = change(record);
        } catch (IllegalArgumentException e) {
            publisher.deadLetter(record, e.getMessage());
            return;
        }
        String where = "Storing " + record.topic() + "-" + record.partition() + "@" + record.offset();
        TransientRetry.run(where, () -> store.apply(event, change), e -> false);
    }

    private TermChangedEvent read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("event without a value");
        }
        TermChangedEvent e;
        try {
            e = json.readValue(record.value(), TermChangedEvent.class);
        } catch (IOException ex) {
            throw new IllegalArgumentException("unreadable event value: "
                    + String.valueOf(ex.getMessage()).lines().findFirst().orElse(""));
        }
        if (e.id() == null || e.version() < 1 || e.slug() == null || e.name() == null || e.updatedAt() == null
                || !("tag".equals(e.kind()) || "author".equals(e.kind()))) {
            throw new IllegalArgumentException("event without kind, id, slug, name, time or version");
        }
        return e;
    }

    /** {@code created}, {@code updated} or {@code deleted} (a merge deletes the term merged away). */
    private static String change(ConsumerRecord<String, byte[]> record) {
        Header h = record.headers().lastHeader("ce_type");
        String type = h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
        String last = type.substring(type.lastIndexOf('.') + 1);
        return switch (last) {
            case "created", "updated", "deleted" -> last;
            case "merged" -> "deleted";
            default -> throw new IllegalArgumentException("unknown event type: " + type);
        };
    }
}
