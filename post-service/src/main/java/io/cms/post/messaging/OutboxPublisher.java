package io.cms.post.messaging;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.cms.common.messaging.EventLimits;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends outbox rows to {@code cms.posts} as CloudEvents (Kafka binding, binary mode).
 *
 * <p>The producer is idempotent with acks from all replicas, so a batch lands in order per
 * partition. After any failure the caller closes this publisher and makes a new one: a fresh
 * producer never reorders what an old one still retries.
 */
final class OutboxPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Properties common;

    OutboxPublisher(String bootstrapServers) {
        common = new Properties();
        common.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Properties p = new Properties();
        p.putAll(common);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // Fail a send within seconds when the broker is away; the rows stay in the outbox and are retried.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "post-service-outbox-relay");
        EventLimits.producer(p);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Creates the compacted topic if it does not exist yet (the first produce to a new topic is slow). */
    void ensureTopic(int partitions, short replicationFactor) throws InterruptedException, ExecutionException {
        try (Admin admin = admin()) {
            Map<String, String> configs = new HashMap<>(EventLimits.topicConfig());
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            admin.createTopics(List.of(new NewTopic(Topics.POSTS, partitions, replicationFactor).configs(configs)))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * Makes the topic take records of {@link EventLimits#MAX_RECORD_BYTES}: one made by an older
     * version, or by hand, may still have Kafka's 1 MiB default. Done once when a replica becomes the
     * relay, so an operator's later change is not fought over.
     */
    void applyLimits() throws InterruptedException, ExecutionException {
        try (Admin admin = admin()) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.POSTS);
            List<AlterConfigOp> ops = EventLimits.topicConfig().entrySet().stream()
                    .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            admin.incrementalAlterConfigs(Map.of(topic, ops)).all().get();
        }
    }

    private Admin admin() {
        Properties adminProps = new Properties();
        adminProps.putAll(common);
        adminProps.put("default.api.timeout.ms", "5000");
        adminProps.put("request.timeout.ms", "5000");
        return Admin.create(adminProps);
    }

    /** A row Kafka will never take as it is, and why. */
    record Refused(OutboxStore.Row row, String reason) {
    }

    /**
     * What became of a batch, up to the first row that failed in a way a retry may mend (the broker
     * away, a time-out): those rows and the ones after them are sent again later.
     */
    record Outcome(List<OutboxStore.Row> acknowledged, List<Refused> refused, int pending) {
    }

    /** Sends the rows in order and waits for the acknowledgements. */
    Outcome publish(List<OutboxStore.Row> rows) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        try {
            for (OutboxStore.Row row : rows) {
                acks.add(producer.send(toRecord(row)));
            }
        } catch (RuntimeException e) {
            // send() itself failed (e.g. metadata not available in time): wait for what was sent.
        }
        List<OutboxStore.Row> acknowledged = new ArrayList<>(acks.size());
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
                acknowledged.add(rows.get(i));
            } catch (ExecutionException e) {
                if (!refusedForGood(e.getCause())) {
                    break;
                }
                refused.add(new Refused(rows.get(i), e.getCause().toString()));
            }
        }
        return new Outcome(acknowledged, refused, rows.size() - acknowledged.size() - refused.size());
    }

    /**
     * Failures of this one record that no retry can mend. Anything else (the broker away, leaders
     * moving, authorisation) concerns every record alike and is waited out, in order.
     */
    static boolean refusedForGood(Throwable cause) {
        return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException;
    }

    private static ProducerRecord<String, byte[]> toRecord(OutboxStore.Row row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, Topics.CE_SPECVERSION, "1.0");
        header(headers, Topics.CE_ID, row.eventId().toString());
        header(headers, Topics.CE_SOURCE, Topics.SOURCE);
        header(headers, Topics.CE_TYPE, row.type());
        header(headers, Topics.CE_SUBJECT, row.aggregateId());
        header(headers, Topics.CE_TIME, DateTimeFormatter.ISO_INSTANT.format(row.occurredAt()));
        header(headers, Topics.CONTENT_TYPE, "application/json");
        return new ProducerRecord<>(Topics.POSTS, null, row.aggregateId(),
                row.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(2));
    }
}
