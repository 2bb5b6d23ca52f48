package io.cms.render.messaging;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.messaging.SiteChangedEvent;
import io.cms.common.messaging.TransientRetry;
import io.cms.render.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Applies one {@code cms.settings} event: the site settings set through post-service's API. */
@ApplicationScoped
public class SiteEventConsumer {

    private final Site site;
    private final RenderedPublisher publisher;
    private final ObjectMapper json;

    SiteEventConsumer(Site site, RenderedPublisher publisher, ObjectMapper json) {
        this.site = site;
        this.publisher = publisher;
        this.json = json;
    }

    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        if (!SiteChangedEvent.KEY.equals(record.key())) {
            return; // settings of something this service does not serve
        }
        SiteChangedEvent event;
        try {
            event = record.value() == null ? null : json.readValue(record.value(), SiteChangedEvent.class);
        } catch (IOException e) {
            event = null;
        }
        if (event == null || event.overrides() == null || event.version() < 1 || event.updatedAt() == null) {
            publisher.deadLetter(record, "unreadable site settings event");
            return;
        }
        SiteChangedEvent e = event;
        TransientRetry.run("Storing the site settings", () -> {
            site.apply(e);
            return null;
        }, x -> false);
    }
}
