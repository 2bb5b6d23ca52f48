package io.cms.render.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.cms.testkit.ContractEvents;

/**
 * Produces {@code cms.posts} events built from post-service's contract fixtures, so this consumer is
 * tested against the same documents the producer is checked against.
 */
public final class PostEvents implements AutoCloseable {

    private final ContractEvents events = new ContractEvents();

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

    /** See {@link ContractEvents#sendPoison}. */
    public void sendPoison(String key) throws Exception {
        events.sendPoison(key);
    }

    @Override
    public void close() {
        events.close();
    }
}
