package io.cms.render.changes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.render.InfraResource;
import io.cms.testkit.ContractEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The change feed through the real broker and database: 1 000 changes while a client reads, drops
 * the connection and resumes with Last-Event-ID; each change arrives once, in order.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class ChangeFeedIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/changes")
    URI changes;

    @Inject
    ChangeLog log;

    @Test
    void aClientThatResumesWithLastEventIdGetsEveryChangeOnceAndInOrder() throws Exception {
        List<UUID> posts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            posts.add(UUID.randomUUID());
        }
        List<SseReader.Event> seen = new ArrayList<>();
        CompletableFuture<Void> producing;
        try (SseReader first = SseReader.open(changes, null)) {
            assertEquals(200, first.status);
            producing = CompletableFuture.runAsync(() -> produce(posts, 20));
            await().atMost(Duration.ofSeconds(60)).until(() -> ours(first.events, posts).size() >= 300);
            seen.addAll(ours(first.events, posts));
        }
        String last = seen.get(seen.size() - 1).id();
        try (SseReader second = SseReader.open(changes, last)) {
            assertEquals(200, second.status);
            await().atMost(Duration.ofSeconds(90)).until(() -> seen.size() + ours(second.events, posts).size() >= 1_000);
            producing.join();
            Thread.sleep(500); // anything sent twice would be here by now
            seen.addAll(ours(second.events, posts));
        }

        assertEquals(1_000, seen.size(), "each change once");
        long previous = 0;
        Map<String, Long> versions = new HashMap<>();
        for (SseReader.Event e : seen) {
            long id = Long.parseLong(e.id());
            assertTrue(id > previous, "ids only grow: " + id + " after " + previous);
            previous = id;
            JsonNode data = JSON.readTree(e.data());
            assertEquals(id, data.path("id").asLong());
            long version = data.path("version").asLong();
            Long before = versions.put(data.path("postId").asText(), version);
            assertEquals(before == null ? 1 : before + 1, version, "a post's changes in order: " + e);
            assertEquals(version == 1 ? "post.published" : "post.updated", e.name());
        }
        assertEquals(50, versions.size());
    }

    @Test
    void unpublishingIsAChangeAndQuietFeedsGetHeartbeats() throws Exception {
        UUID post = UUID.randomUUID();
        try (SseReader feed = SseReader.open(changes, null); ContractEvents events = new ContractEvents()) {
            events.sendPost("cms.post.published", post, "quiet-" + post, 1, Map.of("status", "published"));
            events.sendPost("cms.post.updated", post, "quiet-" + post, 2, Map.of("status", "draft"));
            events.sendPost("cms.post.updated", post, "quiet-" + post, 3, Map.of("status", "draft")); // a draft's edit: no change
            events.sendPost("cms.post.deleted", post, "quiet-" + post, 4, Map.of());
            await().atMost(Duration.ofSeconds(20)).until(() -> ours(feed.events, List.of(post)).size() >= 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> feed.comments.contains("heartbeat"));
            List<SseReader.Event> mine = ours(feed.events, List.of(post));
            assertEquals(List.of("post.published", "post.unpublished"), mine.stream().map(SseReader.Event::name).toList());
        }
    }

    @Test
    void aClientBehindWhatIsKeptIsToldToStartOverAndBadIdsAreRefused() throws Exception {
        UUID post = UUID.randomUUID();
        try (SseReader feed = SseReader.open(changes, null); ContractEvents events = new ContractEvents()) {
            events.sendPost("cms.post.published", post, "pruned-" + post, 1, Map.of("status", "published"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !ours(feed.events, List.of(post)).isEmpty());
        }
        log.prune(Duration.ZERO); // as if 30 days had passed
        long floor = log.floor();
        assertTrue(floor > 0, "the last id given, though none is kept");
        UUID later = UUID.randomUUID();
        try (SseReader behind = SseReader.open(changes, "0"); ContractEvents events = new ContractEvents()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !behind.events.isEmpty());
            assertEquals("reset", behind.events.get(0).name());
            assertEquals(Long.toString(floor), behind.events.get(0).id());
            events.sendPost("cms.post.published", later, "later-" + later, 1, Map.of("status", "published"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !ours(behind.events, List.of(later)).isEmpty());
            assertTrue(ours(behind.events, List.of(post)).isEmpty(), "what was pruned is not sent");
        }
        try (SseReader bad = SseReader.open(changes, "yesterday")) {
            assertEquals(400, bad.status);
        }
        List<SseReader> open = new ArrayList<>();
        try {
            // The feeds closed above are released when the server sees their connections end, which
            // may be after these open: each of the four waits for its place rather than count on it.
            for (int i = 0; i < 4; i++) {
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    SseReader r = SseReader.open(changes, null);
                    if (r.status == 200) {
                        open.add(r);
                        return true;
                    }
                    r.close();
                    return false;
                });
            }
            try (SseReader fifth = SseReader.open(changes, null)) {
                assertEquals(429, fifth.status, "4 feeds per client address in the tests");
            }
        } finally {
            for (SseReader r : open) {
                r.close();
            }
        }
    }

    /** More changes behind than a client may have on their way at once: paced, not dropped as slow. */
    @Test
    void aClientFarBehindCatchesUpWithoutBeingDropped() throws Exception {
        long before = log.head();
        int behind = Subscriber.MAX_PENDING + 2_000;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                io.cms.testkit.TestInfrastructure.shared().postgres().jdbcUrl("cms_render"), "postgres", null);
                java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO content_change (post_id, slug, kind, version) SELECT gen_random_uuid(), 'bulk-' || g,"
                    + " 'post.updated', g FROM generate_series(1, " + behind + ") g");
        }
        try (SseReader feed = SseReader.open(changes, Long.toString(before))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> feed.events.stream().filter(e -> e.data().contains("bulk-")).count() >= behind);
            List<Long> ids = feed.events.stream().filter(e -> e.data().contains("bulk-")).map(e -> Long.parseLong(e.id())).toList();
            assertEquals(behind, ids.size(), "each once");
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i) > ids.get(i - 1), "in order");
            }
        }
    }

    private static List<SseReader.Event> ours(List<SseReader.Event> events, List<UUID> posts) {
        List<String> ids = posts.stream().map(UUID::toString).toList();
        return events.stream().filter(e -> e.data() != null && ids.stream().anyMatch(e.data()::contains)).toList();
    }

    private static void produce(List<UUID> posts, int versions) {
        try (ContractEvents events = new ContractEvents()) {
            for (int v = 1; v <= versions; v++) {
                for (UUID p : posts) {
                    events.sendPost(v == 1 ? "cms.post.published" : "cms.post.updated", p, "feed-" + p, v,
                            Map.of("status", "published", "markdown", "# 版 " + v + "\n\n本文。"));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
