package io.cms.common.waiting;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's one {@link WaitRoom}, sized by configuration, its occupancy a gauge. */
@ApplicationScoped
public class WaitRooms {

    @Produces
    @ApplicationScoped
    WaitRoom room(@ConfigProperty(name = "cms.wait.max-waiters", defaultValue = "200") int maxWaiters,
            @ConfigProperty(name = "cms.wait.max-waiters-per-client", defaultValue = "8") int maxPerClient,
            MeterRegistry registry) {
        WaitRoom room = new WaitRoom("read-your-writes", maxWaiters, maxPerClient);
        Gauge.builder("cms.wait.waiting", room, WaitRoom::waiting)
                .description("Read-your-writes requests waiting for a version now").register(registry);
        return room;
    }

    void close(@Disposes WaitRoom room) {
        room.close();
    }
}
