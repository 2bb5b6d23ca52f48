package io.cms.common.messaging;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The size limits of the CMS's Kafka records: one set of numbers for post-service's API (which
 * refuses a change whose event would be larger), every producer, and every topic. Kafka's own
 * defaults (1 MiB per record) are smaller than a post the API accepts, so nothing may rely on them.
 *
 * <p>The local stack's {@code LocalTopics} and the Strimzi {@code KafkaTopic}s in {@code deploy/k8s}
 * state {@link #MAX_RECORD_BYTES} again (they cannot depend on this module); tests compare them with it.
 */
public final class EventLimits {

    /**
     * Largest {@code cms.posts} payload, in bytes of UTF-8 JSON. A post at the API's Markdown limit
     * (1 000 000 characters) is at most ~3 MB of CJK text, or 6 MB if every character had to be
     * escaped, so only an oversized front matter can reach this.
     */
    public static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;

    /** Largest record on any CMS topic: the payload plus headers (dead letters add four) and batch overhead. */
    public static final int MAX_RECORD_BYTES = MAX_EVENT_BYTES + 1024 * 1024;

    /** Post text compresses about 3:1; the broker keeps the compacted topic that much smaller. */
    public static final String COMPRESSION = "zstd";

    private EventLimits() {
    }

    /** Adds the record size limit and compression to a producer's settings. */
    public static Properties producer(Properties settings) {
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_RECORD_BYTES));
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        return settings;
    }

    /** The topic setting every CMS topic needs so the broker takes what the producers may send. */
    public static Map<String, String> topicConfig() {
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_RECORD_BYTES));
    }
}
