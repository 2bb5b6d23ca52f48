package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.testkit.TestInfrastructure;
import io.cms.testkit.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults during a stream of writes, over the whole stack: nothing a write committed may go missing
 * from what render-service serves and search-service finds once the fault is over.
 */
class FaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        // Webhook retries on a schedule of seconds (production: minutes to hours).
        stack = new Stack("faults", Map.of("CMS_WEBHOOKS_RETRY_SCHEDULE", "0s,1s,2s,3s,5s,8s,10s,10s,10s,10s"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void renderAndSearchKilledMidStreamConvergeWithNothingMissing() throws Exception {
        Map<String, Long> last = new ConcurrentHashMap<>();
        List<String> posts = createPosts("kill", 10);
        Thread writer = new Thread(() -> write(posts, 15, last));
        writer.start();
        Thread.sleep(1_000);
        stack.restart("render-service", true);
        stack.restart("search-service", true);
        writer.join();
        assertConverged(posts, last);
    }

    @Test
    void aCorruptOrMissingSearchIndexIsRebuiltFromTheTopicBeforeTheServiceSaysReady() throws Exception {
        Map<String, Long> last = new ConcurrentHashMap<>();
        List<String> posts = createPosts("rebuild", 20);
        write(posts, 3, last);
        assertConverged(posts, last);
        Path data = stack.dataDir();
        Path index = data.resolve("search-index");

        // Garbage in the commit point, as a disk fault would leave it.
        stack.restart("search-service", false, () -> overwriteCommitPoints(index));
        assertSearchableOnceReady(posts, last);
        try (Stream<Path> files = Files.list(index)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("gen-\\d+\\.unreadable-\\d+")),
                    "the unreadable index was set aside, not deleted");
        }

        // No index at all, as on a new volume.
        stack.restart("search-service", false, () -> TestInfrastructure.deleteRecursively(index));
        assertSearchableOnceReady(posts, last);
    }

    @Test
    void writesSucceedWhileTheBrokerIsDownAndEverythingArrivesAfter() throws Exception {
        Map<String, Long> last = new ConcurrentHashMap<>();
        List<String> posts = createPosts("broker", 10);
        stack.broker().stop();
        try {
            write(posts, 5, last); // every write must succeed: the outbox holds the events
        } finally {
            stack.broker().start();
        }
        assertConverged(posts, last);
    }

    @Test
    void writesDuringADatabaseRestartFailCleanlyAndEverythingRecovers() throws Exception {
        Map<String, Long> last = new ConcurrentHashMap<>();
        List<String> posts = createPosts("database", 3);
        write(posts, 1, last);
        String id = posts.get(0);
        stack.postgres().stop();
        try {
            HttpResponse<String> during = stack.send(stack.admin("post-service", "/api/posts/" + id)
                    .header("Content-Type", "application/json").PUT(BodyPublishers.ofString(body("During", "lost"))));
            assertEquals(503, during.statusCode(), during.body());
            assertEquals("application/problem+json", during.headers().firstValue("Content-Type").orElse(""));
        } finally {
            stack.postgres().start();
        }
        // post-service recovers by itself: a write succeeds again within seconds.
        long deadline = System.currentTimeMillis() + 60_000;
        int status;
        do {
            Thread.sleep(200);
            status = stack.send(stack.admin("post-service", "/api/posts/" + id)).statusCode();
        } while (status != 200 && System.currentTimeMillis() < deadline);
        assertEquals(200, status, "post-service reads again after the restart");
        write(posts, 2, last);
        assertConverged(posts, last);

        // The failed write left nothing behind: versions are contiguous and none holds its text.
        HttpResponse<String> revisions = stack.send(stack.admin("post-service", "/api/posts/" + id + "/revisions"));
        List<Long> versions = new ArrayList<>();
        JSON.readTree(revisions.body()).forEach(r -> versions.add(r.get("version").asLong()));
        versions.sort(null);
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(i + 1, versions.get(i), "revisions " + versions);
        }
        assertEquals((long) last.get(id), versions.get(versions.size() - 1));
        HttpResponse<String> post = stack.send(stack.admin("post-service", "/api/posts/" + id));
        assertTrue(!post.body().contains("lost"), post.body());
    }

    @Test
    void aWebhookReceiverDownForAHundredWritesGetsEveryEventOnceInOrder() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            AtomicBoolean down = new AtomicBoolean(true);
            receiver.answering(n -> down.get() ? 503 : 200);
            HttpResponse<String> subscribed = stack.send(stack.admin("post-service", "/api/webhooks")
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\",\"events\":[\"post.updated\"]}")));
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            receiver.verifyingWith(JSON.readTree(subscribed.body()).get("secret").asText());
            Map<String, Long> last = new ConcurrentHashMap<>();
            List<String> posts = createPosts("webhook", 10);
            write(posts, 10, last); // 100 updates while the receiver answers 503
            Thread.sleep(1_000);
            assertTrue(receiver.accepted().isEmpty());
            down.set(false);

            long deadline = System.currentTimeMillis() + 90_000;
            while (receiver.accepted().size() < 100 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(2_000); // a duplicate would show up by now
            List<WebhookReceiver.Hit> accepted = receiver.accepted();
            assertEquals(100, accepted.size(), "every update delivered once");
            assertEquals(100, accepted.stream().map(WebhookReceiver.Hit::webhookId).distinct().count());
            assertTrue(receiver.hits().stream().allMatch(WebhookReceiver.Hit::verified));
            for (String id : posts) {
                List<Long> versions = accepted.stream().filter(h -> h.postId().equals(id))
                        .map(WebhookReceiver.Hit::version).toList();
                assertEquals(java.util.stream.LongStream.rangeClosed(2, 11).boxed().toList(), versions,
                        "updates of " + id + " in order");
            }
        }
    }

    private static List<String> createPosts(String prefix, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(body(prefix + " " + i + " " + System.nanoTime(), "first"))));
            assertEquals(201, created.statusCode(), created.body());
            ids.add(JSON.readTree(created.body()).get("id").asText());
        }
        return ids;
    }

    /** {@code rounds} updates of every post; each must be answered 200. Records the last version and marker. */
    private static void write(List<String> posts, int rounds, Map<String, Long> last) {
        try {
            for (int r = 0; r < rounds; r++) {
                for (String id : posts) {
                    String marker = marker(r, id);
                    HttpResponse<String> put = stack.send(stack.admin("post-service", "/api/posts/" + id)
                            .header("Content-Type", "application/json")
                            .PUT(BodyPublishers.ofString(body("Fault " + id, marker))));
                    assertEquals(200, put.statusCode(), put.body());
                    last.put(id, JSON.readTree(put.body()).get("version").asLong());
                    last.put(id + "/marker", (long) r);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The word only round {@code round}'s text of post {@code id} has. */
    private static String marker(long round, String id) {
        return "marker" + round + "x" + id.substring(0, 8);
    }

    private static String body(String title, String text) {
        return "{\"title\":\"" + title + "\",\"markdown\":\"本文 " + text + "\",\"status\":\"published\"}";
    }

    /**
     * Right after the restart returned (the service said ready), without waiting: every post is
     * searchable at its last version. Readiness before the rebuild caught up would fail here.
     */
    private static void assertSearchableOnceReady(List<String> posts, Map<String, Long> last) throws Exception {
        for (String id : posts) {
            HttpResponse<String> r = stack.send(stack.request("search-service", "/api/search/posts/" + id));
            assertEquals(200, r.statusCode(), id + " searchable as soon as the service is ready: " + r.body());
            assertEquals((long) last.get(id), JSON.readTree(r.body()).get("version").asLong());
        }
        String marker = marker(last.get(posts.get(0) + "/marker"), posts.get(0));
        HttpResponse<String> found = stack.send(stack.request("search-service",
                "/api/search?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8)));
        assertTrue(found.body().contains(posts.get(0)), found.body());
    }

    private static void overwriteCommitPoints(Path index) {
        try (Stream<Path> files = Files.walk(index, 2)) { // search-index/gen-N/segments_M
            List<Path> commits = files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList();
            assertTrue(!commits.isEmpty(), "the index has a commit point to spoil");
            for (Path f : commits) {
                byte[] garbage = new byte[(int) Files.size(f)];
                java.util.Arrays.fill(garbage, (byte) 0x5a);
                Files.write(f, garbage);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every post served and searchable at its last version, with its last text. */
    private static void assertConverged(List<String> posts, Map<String, Long> last) throws Exception {
        for (String id : posts) {
            long version = last.get(id);
            String marker = marker(last.get(id + "/marker"), id);
            long deadline = System.currentTimeMillis() + 90_000;
            HttpResponse<String> html;
            do { // each request waits up to 10 s for the version
                html = stack.send(stack.request("render-service",
                        "/api/rendered/" + id + "/html?minVersion=" + version + "&wait=10s"));
            } while ((html.statusCode() != 200 || html.headers().firstValue("CMS-Stale").isPresent())
                    && System.currentTimeMillis() < deadline);
            assertEquals(200, html.statusCode(), html.body());
            assertTrue(html.headers().firstValue("CMS-Stale").isEmpty(), "version " + version + " of " + id + " served");
            assertTrue(html.body().contains(marker), html.body());

            long indexed = -1;
            while (indexed < version && System.currentTimeMillis() < deadline) {
                HttpResponse<String> r = stack.send(stack.request("search-service", "/api/search/posts/" + id));
                indexed = r.statusCode() == 200 ? JSON.readTree(r.body()).get("version").asLong() : -1;
                if (indexed < version) {
                    Thread.sleep(100);
                }
            }
            assertEquals(version, indexed, "search holds the last version of " + id);
            HttpResponse<String> found = stack.send(stack.request("search-service",
                    "/api/search?q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8)));
            assertTrue(found.body().contains(id), marker + " finds " + id + ": " + found.body());
        }
    }
}
