package io.cms.render.service;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.cms.common.messaging.PostChangedEvent;
import io.cms.render.RenderedPost;
import io.cms.render.markdown.RenderResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Applies a post event: renders a public post, removes one that is not public, ignores an event that
 * is not newer than what is stored. Rendering happens outside the database transaction.
 */
@ApplicationScoped
public class RenderService {

    private final Renderer renderer;
    private final RenderStore store;
    private final RenderWaiters waiters;
    private static final int MAX_REMEMBERED = 200_000;
    private final Map<UUID, Long> storedVersions = new ConcurrentHashMap<>();

    private final Event<RenderChanged> changes;

    RenderService(Renderer renderer, RenderStore store, RenderWaiters waiters, Event<RenderChanged> changes) {
        this.renderer = renderer;
        this.store = store;
        this.waiters = waiters;
        this.changes = changes;
    }

    /**
     * @param force re-render even if this version is already stored (rebuilds)
     * @return the stored row to announce on {@code cms.rendered} (a render, or a post no longer served),
     *         or null if there is nothing new to announce
     */
    public RenderedPost apply(PostChangedEvent event, boolean force) {
        // Versions this replica stored: skips rendering an event already superseded without a query.
        // Only a hint (another replica may have stored a newer one); the save transaction decides.
        Long known = storedVersions.get(event.id());
        if (known != null && (known > event.version() || (known == event.version() && !force))) {
            return null;
        }
        RenderResult result = event.isPublic()
                ? renderer.renderOrPlaceholder(event.markdown(), event.excerpt(), "Post " + event.id() + " version " + event.version())
                : null;
        RenderStore.Saved saved = store.save(event, result, force);
        if (storedVersions.size() > MAX_REMEMBERED) {
            storedVersions.clear(); // a hint, bounded in memory: forgetting only costs a render
        }
        storedVersions.merge(event.id(), saved.storedVersion(), Math::max);
        if (saved.outcome() == RenderStore.Outcome.STALE) {
            return null;
        }
        // Cached views go first: a waiter woken next must not be answered from the old one.
        changes.fire(new RenderChanged(event.id(), event.slug()));
        waiters.signal(event.id().toString(), saved.row());
        if (event.slug() != null) {
            waiters.signal(event.slug(), saved.row());
        }
        return saved.outcome() == RenderStore.Outcome.RENDERED || leftPublic(event) ? saved.row() : null;
    }

    /** A deletion or a status change: what may have taken a served post away (a draft's edits do not). */
    private static boolean leftPublic(PostChangedEvent event) {
        return event.deleted() || (event.changedFields() != null && event.changedFields().contains("status"));
    }
}
