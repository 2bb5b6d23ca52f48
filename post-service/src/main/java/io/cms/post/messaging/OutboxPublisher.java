package io.cms.post.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends outbox rows to {@code cms.posts} as CloudEvents (Kafka binding, binary mode).
 *
 * <p>Each batch is one Kafka transaction under a transactional id that every replica shares, so a
 * new relay fences the one before it: when a replica becomes the relay, {@link #OutboxPublisher}
 * aborts whatever a deposed relay still had open, and that relay's later sends and commits fail.
 * Two relays never publish at once, even when the old one has not yet noticed it lost its lock.
 * After any other failure the caller closes this publisher and makes a new one: a fresh producer
 * never reorders what an old one still retries.
 */
final class OutboxPublisher implements AutoCloseable {

    /** Proves the relay still holds its lock; called while acknowledgements are awaited and before each commit. */
    @FunctionalInterface
    interface Heartbeat {
        void beat() throws SQLException;
    }

    /** Another relay took over: this one must stop at once. */
    static final class FencedException extends Exception {
        FencedException(Throwable cause) {
            super("another outbox relay took over (producer fenced)", cause);
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Properties common;

    /** Connects and fences every earlier producer with {@code transactionalId}; throws if Kafka is unreachable. */
    OutboxPublisher(String bootstrapServers, String transactionalId) {
        common = new Properties();
        common.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Properties p = new Properties();
        p.putAll(common);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        // A relay that died mid-batch holds back read_committed consumers until its transaction is
        // aborted: by the next relay at once, or by the coordinator after this.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "15000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // Fail a send within seconds when the broker is away; the rows stay in the outbox and are retried.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "post-service-outbox-relay");
        EventLimits.producer(p);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(java.time.Duration.ZERO);
            throw e;
        }
    }

    /** Creates the compacted topics if they do not exist yet (the first produce to a new topic is slow). */
    void ensureTopic(int partitions, short replicationFactor) throws InterruptedException, ExecutionException {
        for (String name : Topics.OUTBOX_TOPICS) {
            try (Admin admin = admin()) {
                Map<String, String> configs = new HashMap<>(EventLimits.topicConfig());
                configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                admin.createTopics(List.of(new NewTopic(name, partitions, replicationFactor).configs(configs))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
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
            List<AlterConfigOp> ops = EventLimits.topicConfig().entrySet().stream()
                    .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new HashMap<>();
            for (String name : Topics.OUTBOX_TOPICS) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, name), ops);
            }
            admin.incrementalAlterConfigs(changes).all().get();
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

    /** What became of a batch: all of it acknowledged, or the rows refused for good and how many wait for a retry. */
    record Outcome(List<OutboxStore.Row> acknowledged, List<Refused> refused, int pending) {
    }

    /**
     * Sends the rows in order in one transaction, waits for the acknowledgements and commits. Rows
     * are acknowledged all together or not at all: after any failure the transaction is aborted, the
     * rows refused for good are reported, and the rest are pending.
     */
    Outcome publish(List<OutboxStore.Row> rows, Heartbeat heartbeat)
            throws InterruptedException, SQLException, FencedException {
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> acks = send(rows);
            List<Refused> refused = new ArrayList<>();
            boolean failed = acks.size() < rows.size();
            for (int i = 0; i < acks.size(); i++) {
                Throwable error = await(acks.get(i), heartbeat);
                if (error != null) {
                    failed = true;
                    if (refusedForGood(error)) {
                        refused.add(new Refused(rows.get(i), error.toString()));
                    }
                }
            }
            if (failed) {
                abort();
                return new Outcome(List.of(), refused, rows.size() - refused.size());
            }
            heartbeat.beat();
            producer.commitTransaction();
            return new Outcome(rows, List.of(), 0);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new FencedException(e);
        } catch (KafkaException e) {
            // A commit that timed out, the broker away: nothing counts as sent; the caller starts afresh.
            abort();
            return new Outcome(List.of(), List.of(), rows.size());
        } catch (SQLException e) {
            abort();
            throw e;
        }
    }

    private List<Future<RecordMetadata>> send(List<OutboxStore.Row> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        try {
            for (OutboxStore.Row row : rows) {
                acks.add(producer.send(toRecord(row)));
            }
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e;
        } catch (RuntimeException e) {
            // send() itself failed (e.g. metadata not available in time): the rest waits for the next round.
        }
        return acks;
    }

    /** The send's failure, or null; proves the relay's lock every second while it waits. */
    private static Throwable await(Future<RecordMetadata> ack, Heartbeat heartbeat)
            throws InterruptedException, SQLException {
        while (true) {
            try {
                ack.get(1, TimeUnit.SECONDS);
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                heartbeat.beat();
            }
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            // Fenced or broken: the caller closes this producer, and the next relay's init aborts it.
        }
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
        return new ProducerRecord<>(Topics.topicOf(row.type()), null, row.aggregateId(),
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
