package io.cms.render.service;

import io.cms.render.RenderedPost;
import io.cms.render.markdown.RenderResult;
import io.cms.render.messaging.PostEvent;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies a post event: renders a public post, removes one that is not public, ignores an event that
 * is not newer than what is stored. Rendering happens outside the database transaction.
 */
@ApplicationScoped
public class RenderService {

    private final Renderer renderer;
    private final RenderStore store;
    private final RenderWaiters waiters;

    RenderService(Renderer renderer, RenderStore store, RenderWaiters waiters) {
        this.renderer = renderer;
        this.store = store;
        this.waiters = waiters;
    }

    /**
     * @param force re-render even if this version is already stored (rebuilds)
     * @return the stored render to announce on {@code cms.rendered}, or null if there is nothing new to announce
     */
    public RenderedPost apply(PostEvent event, boolean force) {
        long stored = store.storedVersion(event.id());
        if (stored > event.version() || (stored == event.version() && !force)) {
            return null;
        }
        RenderResult result = event.isPublic() ? renderer.render(event.markdown(), event.excerpt()) : null;
        RenderStore.Outcome outcome = store.save(event, result, force);
        if (outcome == RenderStore.Outcome.STALE) {
            return null;
        }
        waiters.signal(event.id().toString());
        if (event.slug() != null) {
            waiters.signal(event.slug());
        }
        return outcome == RenderStore.Outcome.RENDERED ? store.load(event.id()) : null;
    }
}
