package io.cms.render.messaging;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.render.RenderedPost;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Announces on {@code cms.rendered} that a post version's HTML is stored and served. */
@ApplicationScoped
public class RenderedPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper json;

    RenderedPublisher(@Channel(Channels.RENDERED) MutinyEmitter<byte[]> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /** Sends and waits for Kafka's acknowledgement, so the incoming event is acknowledged only after. */
    public void published(RenderedPost post) {
        String path = "/api/rendered/" + post.slug;
        PostRenderedEvent event = new PostRenderedEvent(post.id, post.slug, post.version, post.title,
                new PostRenderedEvent.Urls(path, path + "/html"), post.renderedAt);
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", UUID.randomUUID().toString());
        header(headers, "ce_source", Channels.SOURCE);
        header(headers, "ce_type", Channels.RENDERED_TYPE);
        header(headers, "ce_subject", post.id.toString());
        header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(post.renderedAt));
        header(headers, "content-type", "application/json");
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(post.id.toString()).withHeaders(headers).build();
        emitter.sendMessageAndAwait(Message.of(toJson(event)).addMetadata(meta));
    }

    private byte[] toJson(PostRenderedEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
