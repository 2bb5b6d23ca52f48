package io.cms.post.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import io.cms.common.messaging.EventLimits;
import io.cms.local.LocalTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The record size limit is one number: where it has to be written again, it is the same number. */
class EventLimitsTest {

    @Test
    void everyLocalTopicTakesTheLargestRecord() {
        assertEquals(String.valueOf(EventLimits.MAX_RECORD_BYTES), LocalTopics.MAX_MESSAGE_BYTES);
        for (NewTopic topic : LocalTopics.ALL) {
            assertEquals(LocalTopics.MAX_MESSAGE_BYTES, topic.configs().get("max.message.bytes"), topic.name());
        }
    }

    @Test
    void theWebhookDeadLetterProducerTakesTheLargestRecord() throws IOException {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        assertEquals(String.valueOf(EventLimits.MAX_RECORD_BYTES),
                p.getProperty("mp.messaging.incoming.webhook-posts.max.request.size"));
        assertEquals(EventLimits.COMPRESSION, p.getProperty("mp.messaging.incoming.webhook-posts.compression.type"));
    }

    @Test
    void aPostAtTheMarkdownLimitFitsTheEventLimit() {
        // Three bytes of UTF-8 per CJK character, or six if every character had to be escaped in JSON.
        assertEquals(true, 6L * io.cms.post.service.PostInput.MAX_MARKDOWN_CHARS < EventLimits.MAX_EVENT_BYTES);
    }
}
