package io.cms.search.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cms.common.cache.CacheMeters;
import io.cms.common.cache.Representation;
import io.cms.search.index.IndexHolder;
import io.cms.search.index.SearchIndex;
import io.cms.search.service.SearchRequest;
import io.cms.search.service.SearchService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Search answers in memory, serialised, per (index, reader version, request). The key is taken from
 * the very searcher the answer would be computed on: an answer is served only for the index state it
 * was made from, so a client that saw a version become searchable never gets an older answer. A
 * refresh makes older entries unreachable (no invalidation; the byte bound drops them), and so does
 * a rebuild, which swaps in another index.
 */
@ApplicationScoped
public class SearchResults {

    /** The index by its directory (a generation's own), not by reference: a swapped-out index is let go. */
    private record Key(String index, long readerVersion, SearchRequest request) {
    }

    private final SearchService search;
    private final IndexHolder indexes;
    private final ObjectMapper json;
    private final Cache<Key, Representation> cache;
    private final CacheMeters meters;

    SearchResults(SearchService search, IndexHolder indexes, ObjectMapper json, MeterRegistry registry,
            @ConfigProperty(name = "cms.search-cache.max-bytes", defaultValue = "16000000") long maxBytes) {
        this.search = search;
        this.indexes = indexes;
        this.json = json;
        this.cache = Caffeine.newBuilder().maximumWeight(maxBytes).executor(Runnable::run)
                // Results of an index state that is gone are unreachable; do not keep them for long.
                .expireAfterAccess(10, TimeUnit.MINUTES)
                .weigher((Key k, Representation r) -> (int) Math.min(Integer.MAX_VALUE, r.bytes() + 256)).build();
        this.meters = new CacheMeters("search", registry,
                () -> cache.policy().eviction().orElseThrow().weightedSize().orElse(0), cache::estimatedSize);
    }

    /** The answer the current index state already has, if it has one; counts a hit or a miss. */
    Optional<Representation> cached(SearchRequest request) {
        SearchIndex index = indexes.current();
        IndexSearcher searcher;
        try {
            searcher = index.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Representation cached = cache.getIfPresent(key(index, searcher, request));
            meters.hit(cached != null);
            return Optional.ofNullable(cached);
        } finally {
            release(index, searcher);
        }
    }

    /** Searches (the caller saw no answer cached) and keeps the answer for its index state. */
    Representation answer(SearchRequest request) throws IOException {
        SearchIndex index = indexes.current();
        IndexSearcher searcher = index.acquire();
        try {
            Representation fresh = Representation.of(json.writeValueAsBytes(search.search(request, index, searcher)),
                    MediaType.APPLICATION_JSON);
            cache.put(key(index, searcher, request), fresh);
            return fresh;
        } finally {
            release(index, searcher);
        }
    }

    private static Key key(SearchIndex index, IndexSearcher searcher, SearchRequest request) {
        return new Key(index.directoryPath().toString(), ((DirectoryReader) searcher.getIndexReader()).getVersion(), request);
    }

    private static void release(SearchIndex index, IndexSearcher searcher) {
        try {
            index.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
