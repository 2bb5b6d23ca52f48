package io.cms.common.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * How far behind the source of truth a consumer is: the time from a change (the event's
 * {@code ce_time}) to when this service received it and to when its result was served, as
 * {@code cms_event_lag_seconds{service, stage}} with p50/p95/p99. The freshness a reader sees.
 */
public final class EventLag {

    private final Timer received;
    private final Timer served;

    public EventLag(MeterRegistry registry, String service) {
        this.received = timer(registry, service, "received");
        this.served = timer(registry, service, "served");
    }

    private static Timer timer(MeterRegistry registry, String service, String stage) {
        return Timer.builder("cms.event.lag").description("Time from a post change to this stage")
                .tag("service", service).tag("stage", stage)
                .publishPercentiles(0.5, 0.95, 0.99).distributionStatisticExpiry(Duration.ofMinutes(2))
                .register(registry);
    }

    public void received(ConsumerRecord<?, ?> record) {
        record(received, record);
    }

    public void served(ConsumerRecord<?, ?> record) {
        record(served, record);
    }

    private static void record(Timer timer, ConsumerRecord<?, ?> record) {
        Header h = record.headers().lastHeader("ce_time");
        if (h == null) {
            return;
        }
        try {
            long lag = System.currentTimeMillis() - Instant.parse(new String(h.value(), StandardCharsets.UTF_8)).toEpochMilli();
            timer.record(Duration.ofMillis(Math.max(0, lag)));
        } catch (DateTimeParseException e) {
            // not a time: nothing to measure
        }
    }
}
