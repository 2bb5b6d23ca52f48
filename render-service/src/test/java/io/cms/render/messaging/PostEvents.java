package io.cms.render.messaging;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.local.ContractEvents;

/**
 * Produces {@code cms.posts} events built from post-service's contract fixtures, so this consumer is
 * tested against the same documents the producer is checked against.
 */
public final class PostEvents implements AutoCloseable {

    private final ContractEvents events = new ContractEvents();

    /** The fixture of this CloudEvents type. */
    public static ObjectNode fixture(String ceType) throws IOException {
        return ContractEvents.fixture(ceType);
    }

    /**
     * Sends the fixture of {@code ceType} with the post's id, slug, version, status and body replaced
     * (a null status or body keeps the fixture's).
     */
    public void send(String ceType, UUID id, String slug, long version, String status, String markdown) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (status != null) {
            fields.put("status", status);
        }
        if (markdown != null) {
            fields.put("markdown", markdown);
        }
        events.sendPost(ceType, id, slug, version, fields);
    }

    public void sendRaw(String key, ObjectNode headers, byte[] value) throws ExecutionException, InterruptedException {
        events.send(Channels.POSTS_TOPIC, key, headers, value);
    }

    @Override
    public void close() {
        events.close();
    }
}
