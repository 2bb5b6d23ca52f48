package io.cms.search.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.cms.search.SamplePosts;
import io.cms.search.index.IndexHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relevance evaluation set ({@code resources/relevance/queries.tsv}): every query finds its post
 * in the top 3, over this module's own posts and, where it exists, the shared sample corpus. The
 * score is also measured the way queries were matched before words were matched apart (every term a
 * phrase, which is what quoting each term does today) and both are written to
 * {@code target/relevance-evaluation.txt}.
 */
class RelevanceEvaluationTest {

    private static final int TOP = 3;

    @TempDir
    Path dir;

    record Query(String expected, String text, String checks) {
    }

    record Score(int found, int evaluated, List<String> misses) {
        @Override
        public String toString() {
            return found + "/" + evaluated;
        }
    }

    @Test
    void everyQueryFindsItsPostInTheTopThree() throws Exception {
        Path own = resource("relevance/posts");
        List<SamplePosts.Post> posts = SamplePosts.read(own, SamplePosts.SHARED.resolve("corpus"), SamplePosts.SHARED.resolve("posts"));
        List<Query> queries = queries();
        assertTrue(queries.size() >= 40, "the set has at least 40 queries");
        List<String> unknown = queries.stream().map(Query::expected).filter(f -> !f.matches("(ja|zh|en)-.*"))
                .filter(f -> posts.stream().noneMatch(p -> p.file().equals(f))).toList();
        assertTrue(posts.size() < 100 || unknown.isEmpty(), "expected posts that are not in the samples: " + unknown);
        try (IndexHolder indexes = new IndexHolder(dir, Optional.empty())) {
            Map<String, String> ids = index(indexes, posts);
            SearchService search = new SearchService(indexes);
            List<Query> evaluated = queries.stream().filter(q -> ids.containsKey(q.expected())).toList();
            Score words = score(search, evaluated, ids, UnaryOperator.identity());
            Score phrases = score(search, evaluated, ids, RelevanceEvaluationTest::everyTermAPhrase);
            report(posts.size(), words, phrases);
            assertEquals(List.of(), words.misses(), "queries whose post is not in the top " + TOP);
            assertTrue(phrases.found() < words.found(), "matching words apart finds more than phrases alone: " + phrases + " vs " + words);
        }
    }

    private static Map<String, String> index(IndexHolder indexes, List<SamplePosts.Post> posts) throws Exception {
        Map<String, String> ids = new HashMap<>();
        for (SamplePosts.Post p : posts) {
            UUID id = UUID.randomUUID();
            ids.put(p.file(), id.toString());
            indexes.current().apply(PublishedEvents.event(id, p.title(), p.body(), null));
        }
        assertTrue(indexes.current().awaitSearchable(30_000));
        return ids;
    }

    private static Score score(SearchService search, List<Query> queries, Map<String, String> ids,
            UnaryOperator<String> typed) throws IOException {
        List<String> misses = new ArrayList<>();
        for (Query q : queries) {
            List<String> top = search.search(new SearchRequest(typed.apply(q.text()), null, null, null, null, null, null,
                    false, 1, TOP)).items().stream().map(h -> h.id()).toList();
            if (!top.contains(ids.get(q.expected()))) {
                misses.add(q.text() + " → " + q.expected() + " (" + q.checks() + ")");
            }
        }
        return new Score(queries.size() - misses.size(), queries.size(), misses);
    }

    /** The query with each term quoted: matched as a contiguous phrase, as every term was before. */
    static String everyTermAPhrase(String q) {
        return Arrays.stream(q.split("[\\s\u3000]+")).filter(t -> !t.isEmpty()).map(t -> "\"" + t + "\"")
                .collect(Collectors.joining(" "));
    }

    private static List<Query> queries() throws Exception {
        return Files.readAllLines(resource("relevance/queries.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t"))
                .map(f -> new Query(f[0], f[1], f.length > 2 ? f[2] : "")).toList();
    }

    private static void report(int posts, Score words, Score phrases) throws IOException {
        String text = "Relevance evaluation, " + posts + " posts indexed, expected post in the top " + TOP + "\n"
                + "words matched apart (today): " + words + "\n"
                + "every term a phrase (before): " + phrases + "\n"
                + "missed with words apart:\n  " + String.join("\n  ", words.misses()) + "\n"
                + "missed with phrases only:\n  " + String.join("\n  ", phrases.misses()) + "\n";
        System.out.println(text);
        Files.writeString(Path.of("target", "relevance-evaluation.txt"), text);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RelevanceEvaluationTest.class.getClassLoader().getResource(name).toURI());
    }
}
