package io.cms.render.rest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.cache.Representation;
import io.cms.common.cache.ViewCache;
import io.cms.render.RenderedPost;
import io.cms.render.service.RenderChanged;
import io.cms.render.service.RenderStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Rendered views in memory (see {@link ViewCache}); a miss reads the render store. */
@ApplicationScoped
public class RenderedViews {

    static final String HTML = "text/html; charset=utf-8";

    private final RenderStore store;
    private final ObjectMapper json;
    private final ViewCache<RenderedView> cache;

    RenderedViews(RenderStore store, ObjectMapper json, MeterRegistry registry,
            @ConfigProperty(name = "cms.view-cache.max-bytes", defaultValue = "64000000") long maxBytes,
            @ConfigProperty(name = "cms.view-cache.max-age", defaultValue = "60s") Duration maxAge) {
        this.store = store;
        this.json = json;
        this.cache = new ViewCache<>("rendered", maxBytes, maxAge, registry);
    }

    /** The cached view, without touching the database. */
    Optional<RenderedView> cached(String idOrSlug) {
        return cache.cached(idOrSlug);
    }

    /** Reads the visible render from the database (a worker thread's job) and caches it. */
    Optional<RenderedView> load(String idOrSlug) {
        return cache.load(idOrSlug, () -> store.findVisible(idOrSlug).map(this::view));
    }

    /** Caches a render a waiter was handed (it is the stored row: no need to read it again). */
    RenderedView handed(String idOrSlug, RenderedPost post) {
        return cache.load(idOrSlug, () -> Optional.of(view(post))).orElseThrow();
    }

    void changed(@Observes RenderChanged change) {
        if (change.id() == null) {
            cache.clear();
        } else {
            cache.evict(change.id(), change.slug());
        }
    }

    private RenderedView view(RenderedPost p) {
        try {
            return new RenderedView(p.id, p.slug, p.version,
                    Representation.of(json.writeValueAsBytes(RenderedResponse.of(p)), MediaType.APPLICATION_JSON),
                    Representation.of(p.html.getBytes(StandardCharsets.UTF_8), HTML));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise the render of " + p.id, e);
        }
    }
}
