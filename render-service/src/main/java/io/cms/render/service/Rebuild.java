package io.cms.render.service;

import io.cms.common.messaging.PostChangedEvent;
import io.cms.common.messaging.PostEventReader;
import io.cms.common.messaging.RebuildJob;
import io.cms.common.messaging.Rebuildable;
import io.cms.common.messaging.TopicReplay;
import io.cms.render.messaging.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Re-renders everything from the beginning of {@code cms.posts} (e.g. after a renderer change),
 * up to the end offsets seen when it starts. Renders stay served throughout: each post is replaced
 * in place, and the version rule keeps a newer live render from being overwritten.
 */
@ApplicationScoped
public class Rebuild implements Rebuildable {

    private final RenderService renders;
    private final PostEventReader<PostChangedEvent> reader = new PostEventReader<>(PostChangedEvent.class);
    private final String bootstrapServers;
    private final RebuildJob job = new RebuildJob("render-rebuild");

    Rebuild(RenderService renders, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.renders = renders;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public RebuildJob.Status status() {
        return job.status();
    }

    /** Starts a rebuild unless one is running; returns the status either way. */
    @Override
    public RebuildJob.Status start() {
        return job.start(this::run);
    }

    private void run(RebuildJob progress) {
        long[] applied = {0};
        long[] skipped = {0};
        TopicReplay.replay(bootstrapServers, Channels.POSTS_TOPIC, "render-service-rebuild", record -> {
            try {
                renders.apply(reader.read(record), true);
                applied[0]++;
            } catch (RuntimeException e) {
                // Poison events were dead-lettered by the live consumer already.
                skipped[0]++;
            }
        }, n -> progress.progress(applied[0], skipped[0]));
        progress.progress(applied[0], skipped[0]);
    }
}
