package io.cms.render.service;

import io.cms.common.messaging.RebuildJob;
import io.cms.common.messaging.Rebuildable;
import io.cms.render.messaging.Channels;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Re-renders everything from the beginning of {@code cms.posts} (e.g. after a renderer change),
 * up to the end offsets seen when it starts. Renders stay served throughout: each post is replaced
 * in place, and the version rule keeps a newer live render from being overwritten.
 */
@Singleton
public class Rebuild extends Rebuildable {

    private final RenderService renders;
    private final String bootstrapServers;

    Rebuild(RenderService renders, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        super("render-service-rebuild");
        this.renders = renders;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    protected void run(RebuildJob progress) {
        // A post that fails to render is skipped, as the live consumer would dead-letter it.
        replay(bootstrapServers, Channels.POSTS_TOPIC, progress, true, event -> renders.apply(event, true));
    }
}
