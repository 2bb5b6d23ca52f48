package io.cms.common.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Moves an event that cannot be applied to a dead-letter topic: same key, value and headers, plus
 * where it came from and why, in the header names SmallRye's dead-letter strategy uses (so tools
 * and runbooks read every service's dead letters the same way).
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    public static Future<RecordMetadata> send(Producer<String, byte[]> producer, String topic,
            ConsumerRecord<String, byte[]> record, String reason) {
        return producer.send(record(topic, record, reason));
    }

    /** The dead letter of {@code record}, to send to {@code topic}; logs it. */
    public static ProducerRecord<String, byte[]> record(String topic, ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, record.key(), record.value());
        record.headers().forEach(h -> out.headers().add(h));
        header(out, "dead-letter-reason", reason);
        header(out, "dead-letter-topic", record.topic());
        header(out, "dead-letter-partition", Integer.toString(record.partition()));
        header(out, "dead-letter-offset", Long.toString(record.offset()));
        return out;
    }

    private static void header(ProducerRecord<String, byte[]> out, String name, String value) {
        out.headers().add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }
}
