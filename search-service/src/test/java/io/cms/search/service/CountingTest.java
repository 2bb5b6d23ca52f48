package io.cms.search.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cms.common.messaging.PostChangedEvent;
import io.cms.search.index.IndexHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search without facets counts up to a bound and finds the same page as one with them. */
class CountingTest {

    private static final int POSTS = SearchService.EXACT_TOTAL_UP_TO + 300;

    @TempDir
    static Path dir;
    private static IndexHolder indexes;
    private static SearchService search;

    @BeforeAll
    static void index() throws Exception {
        indexes = new IndexHolder(dir, Optional.empty());
        OffsetDateTime day = OffsetDateTime.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < POSTS; i++) {
            // Scores differ: the word repeats i % 7 + 1 times in bodies of different lengths.
            String body = "kafka ".repeat(i % 7 + 1) + "filler text ".repeat(i % 13);
            UUID id = UUID.randomUUID();
            indexes.current().apply(new PostChangedEvent(id, "s-" + id, "Post " + i, body, null, null, List.of("t" + i % 3),
                    List.of(), "en", "post", "published", day.plusMinutes(i), day, day.plusMinutes(i), 1, Map.of(), false,
                    List.of()));
        }
        assertTrue(indexes.current().awaitSearchable(30_000));
        search = new SearchService(indexes);
    }

    @AfterAll
    static void close() throws Exception {
        indexes.close();
    }

    @Test
    void withoutFacetsTheTotalIsALowerBoundAndThePageTheSame() throws Exception {
        for (boolean byDate : List.of(false, true)) {
            SearchResult all = search.search(request(byDate, true));
            SearchResult bounded = search.search(request(byDate, false));
            assertEquals(POSTS, all.total());
            assertEquals("eq", all.totalRelation());
            assertEquals(3, all.facets().get("tags").size());
            assertEquals("gte", bounded.totalRelation());
            assertTrue(bounded.total() >= SearchService.EXACT_TOTAL_UP_TO && bounded.total() <= POSTS, "" + bounded.total());
            assertEquals(Map.of(), bounded.facets());
            assertEquals(all.items().stream().map(SearchResult.Hit::id).toList(),
                    bounded.items().stream().map(SearchResult.Hit::id).toList(), "the same page, by date " + byDate);
        }
    }

    @Test
    void aSmallResultIsCountedExactlyEitherWay() throws Exception {
        SearchResult few = search.search(new SearchRequest("\"Post 1000\"", null, null, null, null, null, null, false, 1, 10, false));
        assertEquals("eq", few.totalRelation());
        assertEquals(few.items().size(), (int) few.total());
    }

    private static SearchRequest request(boolean byDate, boolean facets) {
        return new SearchRequest("kafka", null, null, null, null, null, null, byDate, 1, 10, facets);
    }
}
