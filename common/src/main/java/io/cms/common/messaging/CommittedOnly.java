package io.cms.common.messaging;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Consumer setting every reader of {@code cms.posts} needs. post-service's outbox relay writes each
 * batch in a Kafka transaction so that a relay that was deposed (partitioned from the database while
 * another replica took over) is fenced by the broker; what such a relay still sent is aborted, and a
 * reader must not see it.
 */
public final class CommittedOnly {

    private CommittedOnly() {
    }

    /** Adds {@code isolation.level=read_committed} to a consumer's settings. */
    public static Properties consumer(Properties settings) {
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return settings;
    }
}
