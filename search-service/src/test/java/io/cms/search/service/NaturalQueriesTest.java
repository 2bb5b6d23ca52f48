package io.cms.search.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cms.search.index.IndexHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Japanese typed the way people type it: without spaces, words joined by particles, inflected. */
class NaturalQueriesTest {

    @TempDir
    Path dir;
    private IndexHolder indexes;
    private SearchService search;
    private final UUID apart = UUID.randomUUID();
    private final UUID together = UUID.randomUUID();
    private final UUID death = UUID.randomUUID();
    private final UUID reading = UUID.randomUUID();

    @BeforeEach
    void index() throws Exception {
        indexes = new IndexHolder(dir, Optional.empty());
        post(apart, "半導体産業の動向", "日本は半導体の生産を増やした。一方で、各国の輸出規制が議論されている。");
        post(together, "貿易の話", "半導体の輸出が前年より増えた。");
        post(death, "訃報", "この漫画の作者は昨年の冬に逝去されました。多くの読者が悲しんでいます。");
        post(reading, "休日の過ごし方", "週末は図書館で本を読むことにしている。");
        assertTrue(indexes.current().awaitSearchable(10_000));
        search = new SearchService(indexes);
    }

    @AfterEach
    void close() throws Exception {
        indexes.close();
    }

    @Test
    void wordsJoinedByAParticleFindAPostThatHasEachWord() throws Exception {
        List<String> hits = ids("半導体の輸出");
        assertTrue(hits.contains(apart.toString()), hits.toString());
        assertEquals(together.toString(), hits.get(0), "the post with the words together ranks first");
        assertEquals(List.of(death.toString()), ids("作者が逝去"));
    }

    @Test
    void inflectedFormsMatchTheirBaseForm() throws Exception {
        assertEquals(List.of(reading.toString()), ids("読んだ本"));
    }

    @Test
    void quotedTextStaysAnExactPhrase() throws Exception {
        assertEquals(List.of(together.toString()), ids("\"半導体の輸出\""));
        assertEquals(List.of(), ids("\"作者が逝去\""));
    }

    private List<String> ids(String q) throws Exception {
        return search.search(new SearchRequest(q, null, null, null, null, null, null, false, 1, 10)).items().stream()
                .map(h -> h.id()).toList();
    }

    private void post(UUID id, String title, String body) throws Exception {
        indexes.current().apply(PublishedEvents.event(id, title, body, "ja"));
    }
}
