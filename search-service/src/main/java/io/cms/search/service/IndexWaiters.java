package io.cms.search.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.cms.common.waiting.WaitRoom;
import io.cms.search.index.IndexHolder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Read-your-writes for search: a request for version N of a post waits in the {@link WaitRoom} (no
 * thread) until N or newer is searchable. Every refresh of the index checks the waiters, on the
 * refreshing thread; and while anyone waits, the feed makes each batch searchable at once.
 */
@ApplicationScoped
public class IndexWaiters {

    private final WaitRoom room;
    private final SearchService search;

    IndexWaiters(WaitRoom room, SearchService search, IndexHolder indexes) {
        this.room = room;
        this.search = search;
        indexes.watch(room::waiting, room::wakeAll);
    }

    /**
     * @return the searchable version of the post once it is {@code minVersion} or newer, or whatever
     *     it is when the wait is over (empty: not in the index)
     * @throws io.cms.common.rest.ProblemException 429 or 503 when the room has no place for this wait
     */
    public CompletableFuture<Optional<Long>> await(String id, String client, long minVersion, long waitMillis) {
        return room.await(id, client, waitMillis, () -> version(id).orElse(0L) >= minVersion)
                .thenApply(reached -> version(id));
    }

    private Optional<Long> version(String id) {
        try {
            return search.indexedVersion(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
