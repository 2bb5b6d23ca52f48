package io.cms.search.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.common.messaging.PostChangedEvent;

/** Events of published posts for indexing in-process: title, Markdown and language, the rest plain. */
final class PublishedEvents {

    private PublishedEvents() {
    }

    /** @param lang null to let the index tell the language from the text */
    static PostChangedEvent event(UUID id, String title, String markdown, String lang) {
        OffsetDateTime now = OffsetDateTime.now();
        return new PostChangedEvent(id, "s-" + id, title, markdown, null, null, List.of(), List.of(), lang, "post",
                "published", now, now, now, 1, Map.of(), false, List.of(), null, null);
    }
}
