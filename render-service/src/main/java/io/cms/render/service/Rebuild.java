package io.cms.render.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import io.cms.common.messaging.PostEventReader;
import io.cms.common.messaging.TopicReplay;
import io.cms.render.messaging.Channels;
import io.cms.render.messaging.PostEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Re-renders everything from the beginning of {@code cms.posts} (e.g. after a renderer change),
 * up to the end offsets seen when it starts. Renders stay served throughout: each post is replaced
 * in place, and the version rule keeps a newer live render from being overwritten.
 */
@ApplicationScoped
public class Rebuild {

    private static final Logger LOG = Logger.getLogger(Rebuild.class);

    /** The state of the last rebuild. */
    public record Status(String state, OffsetDateTime startedAt, OffsetDateTime finishedAt, long applied,
            long skipped, String error) {
    }

    private final RenderService renders;
    private final PostEventReader<PostEvent> reader = new PostEventReader<>(PostEvent.class);
    private final String bootstrapServers;
    private final AtomicReference<Status> status = new AtomicReference<>(new Status("idle", null, null, 0, 0, null));

    Rebuild(RenderService renders, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.renders = renders;
        this.bootstrapServers = bootstrapServers;
    }

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild unless one is running; returns the status either way. */
    public synchronized Status start() {
        if ("running".equals(status.get().state())) {
            return status.get();
        }
        status.set(new Status("running", now(), null, 0, 0, null));
        Thread t = new Thread(this::run, "render-rebuild");
        t.setDaemon(true);
        t.start();
        return status.get();
    }

    private void run() {
        OffsetDateTime started = status.get().startedAt();
        long[] applied = {0};
        long[] skipped = {0};
        try {
            TopicReplay.replay(bootstrapServers, Channels.POSTS_TOPIC, "render-service-rebuild", record -> {
                try {
                    renders.apply(reader.read(record), true);
                    applied[0]++;
                } catch (RuntimeException e) {
                    // Poison events were dead-lettered by the live consumer already.
                    skipped[0]++;
                }
            }, n -> status.set(new Status("running", started, null, applied[0], skipped[0], null)));
            status.set(new Status("done", started, now(), applied[0], skipped[0], null));
            LOG.infof("Rebuild done: %d events applied, %d skipped", applied[0], skipped[0]);
        } catch (RuntimeException e) {
            LOG.error("Rebuild failed", e);
            status.set(new Status("failed", started, now(), applied[0], skipped[0], e.getMessage()));
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
