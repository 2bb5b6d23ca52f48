package io.cms.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.testkit.ContractEvents;

/** Produces cms.posts events built from post-service's contract fixtures. */
public final class PostEvents implements AutoCloseable {

    private final ContractEvents events = new ContractEvents();

    /** A post event: the fixture of {@code ceType} with these fields replaced (null keeps the fixture's, but lang is always set). */
    public void send(String ceType, UUID id, long version, String status, String title, String markdown, String lang,
            List<String> tags) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (status != null) {
            fields.put("status", status);
        }
        if (title != null) {
            fields.put("title", title);
        }
        if (markdown != null) {
            fields.put("markdown", markdown);
        }
        fields.put("lang", lang);
        if (tags != null) {
            fields.put("tags", tags);
        }
        events.sendPost(ceType, id, "s-" + id, version, fields);
    }

    public void publish(UUID id, long version, String title, String markdown, String lang, List<String> tags)
            throws Exception {
        send("cms.post.published", id, version, "published", title, markdown, lang, tags);
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
