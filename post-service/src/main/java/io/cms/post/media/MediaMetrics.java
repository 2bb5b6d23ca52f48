package io.cms.post.media;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What the media library holds, for dashboards and alerts: {@code cms.media.images} and
 * {@code cms.media.stored.bytes} (originals and variants). Counted once a minute: listing the store
 * on every scrape would cost more than it tells.
 */
@Startup
@ApplicationScoped
public class MediaMetrics {

    private static final Logger LOG = Logger.getLogger(MediaMetrics.class);

    private final MediaStore store;
    private final AtomicLong images = new AtomicLong(-1);
    private final AtomicLong bytes = new AtomicLong(-1);

    MediaMetrics(MediaStore store, MeterRegistry registry) {
        this.store = store;
        Gauge.builder("cms.media.images", images, AtomicLong::get).description("Images in the media library").register(registry);
        Gauge.builder("cms.media.stored.bytes", bytes, AtomicLong::get).baseUnit("bytes")
                .description("Bytes in the media store, originals and variants").register(registry);
    }

    @Scheduled(every = "60s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void count() {
        try {
            images.set(QuarkusTransaction.requiringNew().call(Media::count));
            bytes.set(store.usedBytes());
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Media not counted (%s); the gauges keep their last values", e.getMessage());
        }
    }
}
